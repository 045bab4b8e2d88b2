namespace Inbox.Domain.Calls;

/// <summary>
/// A call as the timeline and the call log show it. <see cref="Missed"/> calls stay flagged until an operator
/// acknowledges them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.CallInfo")]
public sealed record CallInfo(
    [property: Id(0)] string CallId,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Direction,
    [property: Id(3)] CallStage Stage,
    [property: Id(4)] string CallerDisplay,
    [property: Id(5)] string? CallerE164,
    [property: Id(6)] string? Dialled,
    [property: Id(7)] string? AgentExtension,
    [property: Id(8)] DateTimeOffset RingingAt,
    [property: Id(9)] DateTimeOffset? AnsweredAt,
    [property: Id(10)] DateTimeOffset? EndedAt,
    [property: Id(11)] string? EndReason,
    [property: Id(12)] int? TalkSeconds,
    [property: Id(13)] bool Missed,
    [property: Id(14)] bool Acknowledged,
    [property: Id(15)] Guid? CustomerId)
{
    /// <summary>The timeline sentence for this call.</summary>
    public string Describe() => Stage switch
    {
        CallStage.Ringing => $"Incoming call from {CallerDisplay}: ringing",
        CallStage.Answered => $"Call from {CallerDisplay}: answered{(AgentExtension is null ? "" : $" at {AgentExtension}")}",
        _ when Missed => $"Missed call from {CallerDisplay}",
        _ => $"Call from {CallerDisplay}: ended after {TimeSpan.FromSeconds(TalkSeconds ?? 0):m\\:ss}",
    };
}
