namespace Inbox.Orders;

/// <summary>One line of an order.</summary>
/// <param name="Name">The product name.</param>
/// <param name="Quantity">How many.</param>
public sealed record OrderItem(string Name, decimal Quantity);
