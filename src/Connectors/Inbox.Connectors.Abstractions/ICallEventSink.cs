namespace Inbox.Connectors;

/// <summary>
/// Where telephony adapters hand call events. Idempotent: a repeated, late or out-of-order event changes nothing and
/// answers <see cref="CallEventResult.Applied"/> = false. Completes once the event is durable.
/// </summary>
public interface ICallEventSink
{
    Task<CallEventResult> RecordAsync(CallEvent callEvent, CancellationToken cancellationToken);
}

/// <param name="Applied">False when the event was a repeat, or late (the session had already moved past it).</param>
/// <param name="CustomerId">The customer the caller's number belongs to, when known.</param>
public sealed record CallEventResult(bool Applied, Guid? CustomerId);
