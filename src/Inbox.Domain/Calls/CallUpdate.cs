namespace Inbox.Domain.Calls;

/// <summary>
/// A call event after the host made sense of it: the caller's number in E.164 (null when hidden or not a number) and the
/// customer it belongs to (null when unknown).
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.CallUpdate")]
public sealed record CallUpdate(
    [property: Id(0)] string Provider,
    [property: Id(1)] string CallKey,
    [property: Id(2)] string? LegId,
    [property: Id(3)] long? Seq,
    [property: Id(4)] CallStage Stage,
    [property: Id(5)] string Direction,
    [property: Id(6)] string? CallerE164,
    [property: Id(7)] string CallerDisplay,
    [property: Id(8)] string? CallerName,
    [property: Id(9)] string? Dialled,
    [property: Id(10)] string? AgentExtension,
    [property: Id(11)] DateTimeOffset OccurredAt,
    [property: Id(12)] string? EndReason,
    [property: Id(13)] int? TalkSeconds,
    [property: Id(14)] Guid? CustomerId);
