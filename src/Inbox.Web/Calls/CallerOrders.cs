using Inbox.Domain.Calls;
using Inbox.Identity;
using Inbox.Orders;

namespace Inbox.Web.Calls;

/// <summary>The caller's open orders for the screen pop, from the order system (the same one the bot reads).</summary>
public sealed class CallerOrders(CustomerOrders orders)
{
    public async Task<IReadOnlyList<OrderSummary>> FindOpenOrdersAsync(IReadOnlyList<ChannelIdentity> identities, CancellationToken cancellationToken)
    {
        var found = await orders.FindAsync(identities, cancellationToken);
        return found.Where(o => o.Active).Select(o => new OrderSummary(o.Number, o.StatusName ?? o.StatusCode,
            o.DeliveryDate is { } date ? $"{date:yyyy-MM-dd}{(o.DeliveryInterval is null ? "" : " " + o.DeliveryInterval)}" : o.PickupPoint,
            o.TrackingNumber)).ToList();
    }
}
