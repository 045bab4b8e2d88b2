namespace Inbox.Domain.Calls;

/// <summary>
/// One phone call (keyed <c>provider:callKey</c>). Idempotent and forward-only: ringing, answered, ended; a repeated,
/// late or out-of-order event changes nothing. Puts the call on the caller's timeline and in the call log.
/// </summary>
[Alias("Inbox.ICallSessionGrain")]
public interface ICallSessionGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task<CallRecordResult> RecordAsync(CallUpdate update);

    /// <summary>An operator has seen the missed call; it stops being flagged.</summary>
    [Alias("Acknowledge")]
    Task<CallInfo?> AcknowledgeAsync();

    [Alias("Get")]
    Task<CallInfo?> GetAsync();
}
