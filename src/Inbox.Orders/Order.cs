namespace Inbox.Orders;

/// <summary>An order as the order system describes it. The bot repeats these values and never makes any of them up.</summary>
/// <param name="Number">The number customers quote (<c>1048576</c>, <c>MV-2231187</c>, <c>1234А</c>).</param>
/// <param name="StatusCode">The status code (never shown to customers).</param>
/// <param name="StatusName">The status name from the order system's status reference; null when the reference has no name for the code.</param>
/// <param name="DeliveryDate">The planned delivery date.</param>
/// <param name="DeliveryInterval">The delivery time interval as the order system gives it, such as <c>10:00–14:00</c>.</param>
/// <param name="PickupPoint">The pickup point's address.</param>
/// <param name="TrackingNumber">The carrier's tracking number.</param>
/// <param name="CustomerPhone">The customer's phone on the order.</param>
/// <param name="CustomerEmail">The customer's email on the order.</param>
/// <param name="Address">The delivery address (personal).</param>
/// <param name="Items">The ordered items (personal).</param>
/// <param name="Active">The order is still open (not completed or cancelled).</param>
public sealed record Order(
    string Number,
    string StatusCode,
    string? StatusName,
    DateOnly? DeliveryDate,
    string? DeliveryInterval,
    string? PickupPoint,
    string? TrackingNumber,
    string? CustomerPhone,
    string? CustomerEmail,
    string? Address,
    IReadOnlyList<OrderItem> Items,
    bool Active);
