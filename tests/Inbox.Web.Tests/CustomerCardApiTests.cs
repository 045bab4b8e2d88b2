using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Identity;

namespace Inbox.Web.Tests;

/// <summary>The console's customer card: open orders, past conversations and notes; a missed call acknowledged live.</summary>
public sealed class CustomerCardApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private static string Unique() => Random.Shared.Next(1_000_000, 9_999_999).ToString();

    private Task<InboundAcceptance> WriteAsync(ChannelIdentity from, string text) =>
        Server.Services.GetRequiredService<IInboundPipeline>().AcceptAsync(
            new InboundMessage("sms", $"sms-{Guid.NewGuid():N}", [from], "Card Customer", text, DateTimeOffset.UtcNow), CancellationToken.None);

    [Fact]
    public async Task The_card_lists_the_open_orders_the_order_system_names_for_the_customer()
    {
        // Demo orders 1048576 and MV-2231187 name +7 916 123-45-67.
        var customer = await WriteAsync(new ChannelIdentity("phone", "+79161234567"), "Where is my order?");
        using var op = await Server.OperatorClientAsync();

        var orders = await op.GetFromJsonAsync<List<OrderSummary>>($"/api/v1/customers/{customer.CustomerId}/orders", InboxJson.Options);

        Assert.Equal(["1048576", "MV-2231187"], orders!.Select(o => o.Number).Order());
        Assert.Equal("Передан в службу доставки", orders!.Single(o => o.Number == "1048576").Status);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/orders")).StatusCode);
    }

    [Fact]
    public async Task Resolved_episodes_and_notes_are_the_customers_past_newest_first()
    {
        var n = Unique();
        var phone = new ChannelIdentity("phone", $"+7916{n}");
        var first = await WriteAsync(phone, "My fridge is broken");
        using var op = await Server.OperatorClientAsync();
        var id = first.ConversationId;
        (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "Promised a technician" })).EnsureSuccessStatusCode();
        (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();
        await WriteAsync(phone, "And now the oven");

        var history = await op.GetFromJsonAsync<CustomerHistory>($"/api/v1/customers/{first.CustomerId}/history", InboxJson.Options);

        var past = Assert.Single(history!.Conversations);
        Assert.Equal("My fridge is broken", past.Preview);
        Assert.Equal("sms", past.Channel);
        Assert.Equal(id, past.ConversationId);
        Assert.Equal(first.MessageId, past.FirstMessageId);
        Assert.True(past.ResolvedAt >= past.StartedAt);
        var note = Assert.Single(history.Notes);
        Assert.Equal("Promised a technician", note.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"/api/v1/customers/{Guid.NewGuid()}/history")).StatusCode);
    }

    [Fact]
    public async Task An_acknowledged_missed_call_is_announced_to_every_console()
    {
        var n = Unique();
        var sink = Server.Services.GetRequiredService<ICallEventSink>();
        var key = $"ack-{n}";
        CallEvent Event(CallEventKind kind, CallEndReason? reason = null) =>
            new("cti", key, "leg", null, kind, CallDirection.Inbound, $"+7903{n}", null, "74951234567", null, DateTimeOffset.UtcNow, reason);
        await sink.RecordAsync(Event(CallEventKind.Ringing), CancellationToken.None);
        await sink.RecordAsync(Event(CallEventKind.Ended, CallEndReason.Missed), CancellationToken.None);
        await using var colleague = await Server.ConnectHubAsync("operator2");
        var pops = new CallPopCollector(colleague);
        using var op = await Server.OperatorClientAsync();

        (await op.PostAsync($"/api/v1/calls/{Uri.EscapeDataString($"cti:{key}")}/acknowledge", null)).EnsureSuccessStatusCode();

        var pop = await pops.WaitForAsync(p => p.Call.CallId == $"cti:{key}" && p.Call.Acknowledged);
        Assert.True(pop.Call.Missed);
    }
}

/// <summary>The order system is RetailCRM on a port where nothing listens: the card's orders say so with a 503.</summary>
public sealed class CustomerCardOrdersUnavailableTests : IAsyncLifetime
{
    private InboxServer _server = null!;

    public async Task InitializeAsync() => _server = await InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Orders:Provider"] = "RetailCrm",
        ["Orders:RetailCrm:BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
        ["Orders:RetailCrm:ApiKey"] = "crm-test-key",
        ["Orders:RetailCrm:MaxRetries"] = "1",
        ["Orders:RetailCrm:RetryDelay"] = "00:00:00.010",
        ["Orders:RetailCrm:MaxRetryDelay"] = "00:00:00.050",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_unreachable_order_system_is_a_clear_503()
    {
        var customer = await _server.Services.GetRequiredService<IInboundPipeline>().AcceptAsync(
            new InboundMessage("sms", $"sms-{Guid.NewGuid():N}", [new ChannelIdentity("phone", "+79161234567")], null, "hello", DateTimeOffset.UtcNow), CancellationToken.None);
        using var op = await _server.OperatorClientAsync();

        var response = await op.GetAsync($"/api/v1/customers/{customer.CustomerId}/orders");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("order system", await response.Content.ReadAsStringAsync());
    }
}
