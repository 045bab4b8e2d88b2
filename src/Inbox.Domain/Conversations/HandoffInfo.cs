namespace Inbox.Domain.Conversations;

/// <summary>
/// The card an operator gets when the bot hands a conversation over: what the customer wanted, the order found, the
/// fraud flag and a one-line summary. <see cref="Priority"/>: 0 normal, 1 high, 2 urgent (a possible victim).
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.HandoffInfo")]
public sealed record HandoffInfo(
    [property: Id(0)] string Intent,
    [property: Id(1)] string? OrderNumber,
    [property: Id(2)] string? OrderStatus,
    [property: Id(3)] bool Fraud,
    [property: Id(4)] bool PossibleVictim,
    [property: Id(5)] string Summary,
    [property: Id(6)] int Priority,
    [property: Id(7)] DateTimeOffset At);
