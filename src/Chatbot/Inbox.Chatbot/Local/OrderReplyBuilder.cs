using Inbox.Orders;
namespace Inbox.Chatbot.Local;

/// <summary>
/// Describes an order with only what the order system said: status name, delivery date and interval, pickup point,
/// tracking number; the address and items only when <c>personal</c> is true (the customer's verified identity matches the order).
/// The status name is the order system's in its own language, or the <see cref="OrderStatusNames"/> table's name for the code.
/// </summary>
public static class OrderReplyBuilder
{
    /// <param name="order">The order as the order system gave it.</param>
    /// <param name="personal">True when the customer's verified identity matches the order.</param>
    /// <param name="language">The customer's language.</param>
    /// <param name="statusNames">The status names table; the shipped one over a Russian order system by default.</param>
    public static string Describe(Order order, bool personal, string language, OrderStatusNames? statusNames = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        if ((statusNames ?? OrderStatusNames.Shipped).NameFor(order, language) is not { } statusName)
        {
            return BotTexts.StatusMissing(language, order.Number);
        }

        var parts = new List<string> { BotTexts.OrderStatus(language, order.Number, statusName) };
        if (order.DeliveryDate is not null || !string.IsNullOrWhiteSpace(order.DeliveryInterval))
        {
            parts.Add(BotTexts.Delivery(language, order.DeliveryDate, order.DeliveryInterval?.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(order.PickupPoint))
        {
            parts.Add(BotTexts.PickupPoint(language, order.PickupPoint.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(order.TrackingNumber))
        {
            parts.Add(BotTexts.Tracking(language, order.TrackingNumber.Trim()));
        }

        if (personal)
        {
            if (!string.IsNullOrWhiteSpace(order.Address))
            {
                parts.Add(BotTexts.Address(language, order.Address.Trim()));
            }

            if (order.Items.Count > 0)
            {
                parts.Add(BotTexts.Items(language, order.Items));
            }
        }

        return string.Join(" ", parts);
    }

    /// <summary>True when the order has details that only its owner may see.</summary>
    public static bool HasPersonalDetails(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return !string.IsNullOrWhiteSpace(order.Address) || order.Items.Count > 0;
    }
}
