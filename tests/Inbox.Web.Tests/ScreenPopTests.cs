using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Conversations;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Identity;

namespace Inbox.Web.Tests;

/// <summary>A call rings: the caller's card pops up before anyone picks up, and the call joins the customer's timeline.</summary>
public sealed class ScreenPopTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private ICallEventSink Calls => Server.Services.GetRequiredService<ICallEventSink>();

    private static string Unique() => Random.Shared.Next(1_000_000, 9_999_999).ToString();

    private static CallEvent Event(string callKey, CallEventKind kind, string? caller, string? extension = null, CallEndReason? reason = null, long? seq = null, string leg = "leg") =>
        new("cti", callKey, leg, seq, kind, CallDirection.Inbound, caller, null, "74951234567", extension, DateTimeOffset.UtcNow, reason);

    [Fact]
    public async Task A_known_caller_pops_up_at_the_ringing_extension_with_their_card()
    {
        var n = Unique();
        var pipeline = Server.Services.GetRequiredService<IInboundPipeline>();
        var sms = await pipeline.AcceptAsync(new InboundMessage("sms", $"sms-{n}", [new ChannelIdentity("phone", $"+7916{n}")], "Ivan Petrov",
            "Where is order 1048576?", DateTimeOffset.UtcNow), CancellationToken.None);
        await using var ext101 = await Server.ConnectHubAsync("operator");
        await using var ext102 = await Server.ConnectHubAsync("operator2");
        var mine = new CallPopCollector(ext101);
        var colleague = new CallPopCollector(ext102);
        var callKey = $"call-{n}";

        var result = await Calls.RecordAsync(Event(callKey, CallEventKind.Ringing, $"8 (916) {n[..3]}-{n[3..5]}-{n[5..]}", extension: "101"), CancellationToken.None);

        Assert.True(result.Applied);
        Assert.Equal(sms.CustomerId, result.CustomerId);
        var pop = await mine.WaitForAsync(p => p.Call.CallId == $"cti:{callKey}");
        Assert.Equal(CallStage.Ringing, pop.Call.Stage);
        Assert.Equal($"+7916{n}", pop.Call.CallerE164);
        Assert.Equal("Ivan Petrov", pop.Customer!.Name);
        Assert.Contains($"phone:+7916{n}", pop.Customer.Identities.Select(i => i.ToString()));
        Assert.Equal("Where is order 1048576?", Assert.Single(pop.LastMessages).Text);
        Assert.Equal(sms.ConversationId, pop.Conversation!.ConversationId);
        Assert.False(pop.CanCreateCustomer);

        // The colleague's screen stays quiet while it rings elsewhere, and learns when the call is answered.
        await Calls.RecordAsync(Event(callKey, CallEventKind.Answered, $"+7916{n}", extension: "101"), CancellationToken.None);
        await colleague.WaitForAsync(p => p.Call.CallId == $"cti:{callKey}" && p.Call.Stage == CallStage.Answered);
        Assert.DoesNotContain(colleague.Pops, p => p.Call.CallId == $"cti:{callKey}" && p.Call.Stage == CallStage.Ringing);
    }

    [Fact]
    public async Task A_caller_number_the_PBX_made_up_is_shown_as_one_bounded_line()
    {
        await using var hub = await Server.ConnectHubAsync("supervisor");
        var pops = new CallPopCollector(hub);
        var callKey = $"call-{Unique()}";

        await Calls.RecordAsync(Event(callKey, CallEventKind.Ringing, "12\r\n" + new string('9', 5000)), CancellationToken.None);

        var pop = await pops.WaitForAsync(p => p.Call.CallId == $"cti:{callKey}");
        Assert.Equal(new LimitsOptions().MaxNameLength, pop.Call.CallerDisplay.Length);
        Assert.StartsWith("12 999", pop.Call.CallerDisplay, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_caller_gets_a_card_that_offers_to_create_the_customer_and_a_hidden_one_matches_nobody()
    {
        await using var hub = await Server.ConnectHubAsync("operator");
        var pops = new CallPopCollector(hub);
        var unknown = $"unknown-{Unique()}";
        var hidden = $"hidden-{Unique()}";

        await Calls.RecordAsync(Event(unknown, CallEventKind.Ringing, $"+7903{Unique()}"), CancellationToken.None);
        await Calls.RecordAsync(Event(hidden, CallEventKind.Ringing, "anonymous"), CancellationToken.None);

        var unknownPop = await pops.WaitForAsync(p => p.Call.CallId == $"cti:{unknown}");
        Assert.Null(unknownPop.Customer);
        Assert.True(unknownPop.CanCreateCustomer);
        var hiddenPop = await pops.WaitForAsync(p => p.Call.CallId == $"cti:{hidden}");
        Assert.Equal("Number withheld", hiddenPop.Call.CallerDisplay);
        Assert.Null(hiddenPop.Call.CallerE164);
        Assert.False(hiddenPop.CanCreateCustomer);
    }

    [Fact]
    public async Task The_call_joins_the_timeline_and_moves_forward_only()
    {
        var n = Unique();
        var customer = await CreateCustomerAsync(n);
        var key = $"t-{n}";

        Assert.True((await Calls.RecordAsync(Event(key, CallEventKind.Ringing, $"+7916{n}", seq: 1), CancellationToken.None)).Applied);
        Assert.False((await Calls.RecordAsync(Event(key, CallEventKind.Ringing, $"+7916{n}", seq: 1), CancellationToken.None)).Applied);
        Assert.True((await Calls.RecordAsync(Event(key, CallEventKind.Answered, $"+7916{n}", extension: "101", seq: 2), CancellationToken.None)).Applied);
        Assert.True((await Calls.RecordAsync(Event(key, CallEventKind.Ended, $"+7916{n}", reason: CallEndReason.Answered, seq: 3) with { TalkSeconds = 95 }, CancellationToken.None)).Applied);
        Assert.False((await Calls.RecordAsync(Event(key, CallEventKind.Answered, $"+7916{n}", seq: 4), CancellationToken.None)).Applied);

        using var op = await Server.OperatorClientAsync();
        var call = Assert.Single((await op.ConversationAsync(customer)).Messages, m => m.Kind == MessageKind.CallEvent);
        Assert.Equal(CallStage.Ended, call.Call!.Stage);
        Assert.Equal(95, call.Call.TalkSeconds);
        Assert.Equal("101", call.Call.AgentExtension);
        Assert.False(call.Call.Missed);
        Assert.Equal("Call from +7916" + n + ": ended after 1:35", call.Text);
    }

    [Fact]
    public async Task A_missed_call_is_flagged_until_an_operator_acknowledges_it()
    {
        var n = Unique();
        var customer = await CreateCustomerAsync(n);
        var key = $"m-{n}";
        await Calls.RecordAsync(Event(key, CallEventKind.Ringing, $"+7916{n}"), CancellationToken.None);
        await Calls.RecordAsync(Event(key, CallEventKind.Ended, $"+7916{n}", reason: CallEndReason.Missed), CancellationToken.None);
        using var op = await Server.OperatorClientAsync();

        var missed = await op.GetFromJsonAsync<List<CallInfo>>("/api/v1/calls?missed=true", InboxJson.Options);
        var flagged = Assert.Single(missed!, c => c.CallId == $"cti:{key}");
        Assert.True(flagged.Missed);
        Assert.Equal($"Missed call from +7916{n}", (await op.ConversationAsync(customer)).Messages.Single(m => m.Kind == MessageKind.CallEvent).Text);

        var ack = await op.PostAsync($"/api/v1/calls/{Uri.EscapeDataString($"cti:{key}")}/acknowledge", null);

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.DoesNotContain(await op.GetFromJsonAsync<List<CallInfo>>("/api/v1/calls?missed=true", InboxJson.Options) ?? [], c => c.CallId == $"cti:{key}");
        Assert.True((await op.ConversationAsync(customer)).Messages.Single(m => m.Kind == MessageKind.CallEvent).Call!.Acknowledged);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync("/api/v1/calls/cti:nope/acknowledge", null)).StatusCode);
    }

    [Fact]
    public async Task An_answer_after_the_hangup_and_a_lower_sequence_change_nothing()
    {
        var n = Unique();
        var key = $"o-{n}";
        await Calls.RecordAsync(Event(key, CallEventKind.Ringing, $"+7903{n}", seq: 5), CancellationToken.None);
        await Calls.RecordAsync(Event(key, CallEventKind.Ended, $"+7903{n}", reason: CallEndReason.Cancelled, seq: 7), CancellationToken.None);

        Assert.False((await Calls.RecordAsync(Event(key, CallEventKind.Answered, $"+7903{n}", seq: 6), CancellationToken.None)).Applied);
        Assert.False((await Calls.RecordAsync(Event(key, CallEventKind.Answered, $"+7903{n}", seq: 8), CancellationToken.None)).Applied);
        var call = await Server.Services.GetRequiredService<IGrainFactory>().GetGrain<ICallSessionGrain>($"cti:{key}").GetAsync();
        Assert.Equal(CallStage.Ended, call!.Stage);
        Assert.True(call.Missed);
    }

    [Fact]
    public async Task The_card_shows_the_callers_open_orders_from_the_order_system()
    {
        using var op = await Server.OperatorClientAsync();
        (await op.PostAsJsonAsync("/api/v1/customers", new { name = "Иван", identities = new[] { "+79161234567" } })).EnsureSuccessStatusCode();
        await using var hub = await Server.ConnectHubAsync("operator");
        var pops = new CallPopCollector(hub);
        var key = $"orders-{Unique()}";

        await Calls.RecordAsync(Event(key, CallEventKind.Ringing, "8 916 123 45 67", extension: "101"), CancellationToken.None);

        var pop = await pops.WaitForAsync(p => p.Call.CallId == $"cti:{key}");
        Assert.Equal(["1048576", "MV-2231187"], pop.OpenOrders.Select(o => o.Number).Order());
        Assert.Equal("Передан в службу доставки", pop.OpenOrders.Single(o => o.Number == "1048576").Status);
        Assert.Equal("RA123456789RU", pop.OpenOrders.Single(o => o.Number == "1048576").Tracking);
    }

    [Fact]
    public async Task An_unknown_number_that_an_order_names_suggests_that_orders_customer_without_linking_it()
    {
        // Demo order 1234А names +380 44 123 4567 next to olena@example.com.
        using var op = await Server.OperatorClientAsync();
        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Олена", identities = new[] { "olena@example.com" } });
        created.EnsureSuccessStatusCode();
        var olena = await created.ReadAsync<Inbox.Domain.Customers.CustomerCard>();
        await using var hub = await Server.ConnectHubAsync("operator");
        var pops = new CallPopCollector(hub);
        var key = $"suggest-{Unique()}";

        await Calls.RecordAsync(Event(key, CallEventKind.Ringing, "+380441234567"), CancellationToken.None);

        var pop = await pops.WaitForAsync(p => p.Call.CallId == $"cti:{key}");
        Assert.Null(pop.Customer);
        Assert.True(pop.CanCreateCustomer);
        Assert.Equal(olena.CustomerId, pop.SuggestedCustomer!.CustomerId);
        var card = await op.GetFromJsonAsync<CustomerDetails>($"/api/v1/customers/{olena.CustomerId}", InboxJson.Options);
        Assert.DoesNotContain("phone:+380441234567", card!.Customer.Identities.Select(i => i.ToString()));
    }

    private async Task<Guid> CreateCustomerAsync(string n)
    {
        using var op = await Server.OperatorClientAsync();
        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Caller " + n, identities = new[] { $"+7916{n}" } });
        created.EnsureSuccessStatusCode();
        return (await created.ReadAsync<Inbox.Domain.Customers.CustomerCard>()).CustomerId;
    }
}
