namespace Inbox.Domain.Calls;

/// <summary>An open order on the caller's card, as the order system states it.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.OrderSummary")]
public sealed record OrderSummary(
    [property: Id(0)] string Number,
    [property: Id(1)] string Status,
    [property: Id(2)] string? Delivery,
    [property: Id(3)] string? Tracking);
