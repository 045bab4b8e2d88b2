using System.Net;
using Inbox.Orders.RetailCrm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Orders.Tests;

public sealed class RetailCrmOrderProviderTests : IAsyncLifetime
{
    private FakeRetailCrmServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeRetailCrmServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Finds_an_order_by_number_with_the_status_name_from_the_reference()
    {
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var order = Assert.Single(await provider.FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal("1048576", order.Number);
        Assert.Equal("send-to-delivery", order.StatusCode);
        Assert.Equal("Передан в службу доставки", order.StatusName);
        Assert.Equal(new DateOnly(2026, 12, 3), order.DeliveryDate);
        Assert.Equal("10:00–14:00", order.DeliveryInterval);
        Assert.Equal("RA123456789RU", order.TrackingNumber);
        Assert.Equal("+7 916 123-45-67", order.CustomerPhone);
        Assert.Equal("ivan@example.com", order.CustomerEmail);
        Assert.Equal("Москва, ул. Тверская, д. 7, кв. 12", order.Address);
        Assert.Equal("Холодильник Haier C2F636CWRG", Assert.Single(order.Items).Name);
        Assert.True(order.Active);

        var request = _server.OrderRequests.Single();
        Assert.Equal(FakeRetailCrmServer.ApiKey, request.Headers["x-api-key"]);
        Assert.DoesNotContain("apiKey", request.Query, StringComparison.Ordinal);
        Assert.Contains("filter[numbers][]=1048576", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asks_for_every_look_alike_spelling_in_one_request()
    {
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var order = Assert.Single(await provider.FindByNumberAsync("1234a", CancellationToken.None));

        Assert.Equal("1234А", order.Number);
        Assert.Equal("Готов к выдаче", order.StatusName);
        Assert.Equal("Київ, вул. Хрещатик, 1", order.PickupPoint);
        Assert.Equal(2, Assert.Single(order.Items).Quantity);
        var query = Assert.Single(_server.OrderRequests).Query;
        Assert.Contains("filter[numbers][]=1234А", query, StringComparison.Ordinal);
        Assert.Contains("filter[numbers][]=1234A", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caches_the_status_reference()
    {
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        await provider.FindByNumberAsync("1048576", CancellationToken.None);
        await provider.FindByNumberAsync("1234А", CancellationToken.None);
        await provider.FindByCustomerAsync("+79161234567", null, CancellationToken.None);

        Assert.Single(_server.StatusRequests);
        Assert.Equal(3, _server.OrderRequests.Count);
    }

    [Fact]
    public async Task Unknown_status_code_gives_no_status_name()
    {
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var order = Assert.Single(await provider.FindByNumberAsync("990001", CancellationToken.None));

        Assert.Null(order.StatusName);
    }

    [Fact]
    public async Task Finds_a_customers_orders_by_phone_and_email()
    {
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var orders = await provider.FindByCustomerAsync("+79161234567", "ivan@example.com", CancellationToken.None);

        Assert.Equal(["1048576", "55501"], orders.Select(o => o.Number).Order().ToArray());
        Assert.False(orders.Single(o => o.Number == "55501").Active);
        Assert.Contains(_server.OrderRequests, r => r.Query.Contains("filter[customer]=+79161234567", StringComparison.Ordinal));
        Assert.Contains(_server.OrderRequests, r => r.Query.Contains("filter[email]=ivan@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Success_false_body_is_an_error_with_the_crm_message()
    {
        _server.Then(400, "{\"success\":false,\"errorMsg\":\"Errors in the entity format\",\"errors\":{\"filter\":\"This value is not valid.\"}}");
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var error = await Assert.ThrowsAsync<OrderProviderException>(() => provider.FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Errors in the entity format", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("filter", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_false_with_http_200_is_an_error_too()
    {
        _server.Then(200, "{\"success\":false,\"errorMsg\":\"Parameter 'filter' is missing\"}");
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var error = await Assert.ThrowsAsync<OrderProviderException>(() => provider.FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal("Parameter 'filter' is missing", error.ErrorMessage);
    }

    [Fact]
    public async Task Retries_429_and_503_then_succeeds()
    {
        _server.Then(429, "{\"success\":false,\"errorMsg\":\"Too Many Requests\"}");
        _server.Then(503, "Service Unavailable", "text/plain");
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var orders = await provider.FindByNumberAsync("1048576", CancellationToken.None);

        Assert.Single(orders);
        Assert.Equal(3, _server.OrderRequests.Count);
    }

    [Fact]
    public async Task Gives_up_after_the_bounded_retries()
    {
        for (var i = 0; i < 10; i++)
        {
            _server.Then(503, "{\"success\":false,\"errorMsg\":\"Service Unavailable\"}");
        }

        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var error = await Assert.ThrowsAsync<OrderProviderException>(() => provider.FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(3, _server.OrderRequests.Count); // 1 + MaxRetries (2 in these tests)
    }

    [Fact]
    public async Task A_wrong_key_is_refused_without_retries()
    {
        await using var services = Services("wrong-key");
        var provider = services.GetRequiredService<IOrderProvider>();

        var error = await Assert.ThrowsAsync<OrderProviderException>(() => provider.FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("Wrong \"apiKey\" value.", error.ErrorMessage);
        Assert.Single(_server.OrderRequests);
    }

    [Fact]
    public async Task Unauthorized_is_refused_without_retries()
    {
        _server.Then(401, "{\"success\":false,\"errorMsg\":\"\\\"apiKey\\\" is missing.\"}");
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        var error = await Assert.ThrowsAsync<OrderProviderException>(() => provider.FindByNumberAsync("1048576", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("\"apiKey\" is missing.", error.ErrorMessage);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task An_html_answer_is_an_error()
    {
        _server.Then(200, "<html><body>Account does not exist.</body></html>", "text/html");
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();

        await Assert.ThrowsAsync<OrderProviderException>(() => provider.FindByNumberAsync("1048576", CancellationToken.None));
    }

    [Fact]
    public async Task Keeps_within_ten_requests_per_second()
    {
        await using var services = Services();
        var provider = services.GetRequiredService<IOrderProvider>();
        await provider.FindByNumberAsync("1048576", CancellationToken.None); // loads the status reference

        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => provider.FindByNumberAsync("1048576", CancellationToken.None)))
            .WaitAsync(TimeSpan.FromSeconds(60));

        var starts = _server.Requests.Select(r => r.At).Order().ToArray();
        Assert.Equal(26, starts.Length);

        // As the server's clock sees them, any eleven requests span a full second, however late the network or the thread
        // pool delivered them (a few milliseconds allowed for the wall clock's granularity).
        for (var i = 0; i + 10 < starts.Length; i++)
        {
            Assert.True(starts[i + 10] - starts[i] >= TimeSpan.FromMilliseconds(990), $"11 requests within {(starts[i + 10] - starts[i]).TotalMilliseconds} ms");
        }
    }

    private ServiceProvider Services(string apiKey = FakeRetailCrmServer.ApiKey)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_server.OrderSettings(apiKey)).Build();
        return new ServiceCollection().AddLogging().AddOrders(configuration).BuildServiceProvider();
    }
}
