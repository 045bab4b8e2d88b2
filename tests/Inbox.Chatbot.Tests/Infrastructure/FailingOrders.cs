using System.Net;

using Inbox.Orders;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>An order system that is down.</summary>
public sealed class FailingOrders : IOrderProvider
{
    public Task<IReadOnlyList<Order>> FindByNumberAsync(string number, CancellationToken ct) =>
        throw new OrderProviderException("down", HttpStatusCode.ServiceUnavailable, "Service unavailable");

    public Task<IReadOnlyList<Order>> FindByCustomerAsync(string? phoneE164, string? email, CancellationToken ct) =>
        throw new OrderProviderException("down", HttpStatusCode.ServiceUnavailable, "Service unavailable");
}
