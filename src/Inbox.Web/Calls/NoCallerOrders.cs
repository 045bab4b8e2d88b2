using Inbox.Domain.Calls;

namespace Inbox.Web.Calls;

/// <summary>Used when no order system is configured: the card shows no orders.</summary>
public sealed class NoCallerOrders : ICallerOrders
{
    public Task<IReadOnlyList<OrderSummary>> FindOpenOrdersAsync(IReadOnlyList<string> identities, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OrderSummary>>([]);
}
