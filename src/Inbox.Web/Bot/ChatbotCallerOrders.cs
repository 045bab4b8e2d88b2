using Inbox.Chatbot;
using Inbox.Connectors;
using Inbox.Domain.Calls;
using Inbox.Web.Calls;

namespace Inbox.Web.Bot;

/// <summary>The caller's open orders for the screen pop, through the chatbot's order provider (the same order system the bot reads).</summary>
public sealed class ChatbotCallerOrders(IOrderProvider orders) : ICallerOrders
{
    public async Task<IReadOnlyList<OrderSummary>> FindOpenOrdersAsync(IReadOnlyList<string> identities, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Order>(StringComparer.Ordinal);
        foreach (var identity in identities)
        {
            if (!ChannelIdentity.TryParse(identity, out var parsed) || parsed.Kind is not (IdentityKinds.Phone or IdentityKinds.Email))
            {
                continue;
            }

            var matches = parsed.Kind == IdentityKinds.Phone
                ? await orders.FindByCustomerAsync(parsed.Value, null, cancellationToken)
                : await orders.FindByCustomerAsync(null, parsed.Value, cancellationToken);
            foreach (var order in matches.Where(o => o.Active))
            {
                found.TryAdd(order.Number, order);
            }
        }

        return found.Values.Select(o => new OrderSummary(o.Number, o.StatusName ?? o.StatusCode,
            o.DeliveryDate is { } date ? $"{date:yyyy-MM-dd}{(o.DeliveryInterval is null ? "" : " " + o.DeliveryInterval)}" : o.PickupPoint,
            o.TrackingNumber)).ToList();
    }
}
