using Inbox.Domain.Calls;

namespace Inbox.Web.Calls;

/// <summary>The caller's open orders for the screen pop, from the order system.</summary>
public interface ICallerOrders
{
    Task<IReadOnlyList<OrderSummary>> FindOpenOrdersAsync(IReadOnlyList<string> identities, CancellationToken cancellationToken);
}
