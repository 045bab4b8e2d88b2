using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests;

/// <summary>A real SignalR client on /hubs/inbox: live events, who gets them, and catching up after a dropped connection.</summary>
public sealed class LiveEventsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task A_posted_message_reaches_a_logged_in_console()
    {
        await using var hub = await Server.ConnectHubAsync("operator");
        var live = new LiveEventCollector(hub);
        using var api = Server.Client(InboxServer.ApiToken);

        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "My parcel is late", externalId: $"c-{Guid.NewGuid():N}", name: "Anna");

        var received = await live.WaitForAsync(e => e.Message?.MessageId == accepted.MessageId);
        Assert.Equal(LiveEventTypes.MessageCreated, received.Type);
        Assert.Equal(accepted.ConversationId, received.ConversationId);
        Assert.Equal(1, received.Sequence);
        Assert.Equal("My parcel is late", received.Message!.Text);
        Assert.Equal(ConversationStatus.Queued, received.Conversation.Status);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_login()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(Server.BaseAddress, "/hubs/inbox")).Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task An_operator_sees_the_queue_and_their_own_conversations_but_not_a_colleagues()
    {
        await using var mine = await Server.ConnectHubAsync("operator");
        await using var colleague = await Server.ConnectHubAsync("operator2");
        await using var supervisor = await Server.ConnectHubAsync("supervisor");
        var myEvents = new LiveEventCollector(mine);
        var colleagueEvents = new LiveEventCollector(colleague);
        var supervisorEvents = new LiveEventCollector(supervisor);
        using var api = Server.Client(InboxServer.ApiToken);
        using var colleagueApi = await Server.OperatorClientAsync("operator2");
        var externalId = $"c-{Guid.NewGuid():N}";

        var first = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "first", externalId: externalId);
        await myEvents.WaitForAsync(e => e.Message?.MessageId == first.MessageId);
        var taken = await colleagueApi.PostAsync($"/api/v1/conversations/{first.ConversationId}/assign", null);
        taken.EnsureSuccessStatusCode();
        await myEvents.WaitForAsync(e => e.ConversationId == first.ConversationId && e.Type == LiveEventTypes.ConversationChanged);
        var second = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "second, for the assignee only", externalId: externalId);

        await colleagueEvents.WaitForAsync(e => e.Message?.MessageId == second.MessageId);
        await supervisorEvents.WaitForAsync(e => e.Message?.MessageId == second.MessageId);
        // A marker after the second message: once the first operator has it, the second message would have arrived before it.
        var marker = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "someone else in the queue", externalId: $"c-{Guid.NewGuid():N}");
        await myEvents.WaitForAsync(e => e.Message?.MessageId == marker.MessageId);
        Assert.DoesNotContain(myEvents.Events, e => e.Message?.MessageId == second.MessageId);
        Assert.Equal([1L, 2, 3], supervisorEvents.Of(first.ConversationId).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_console_that_reconnects_gets_exactly_what_it_missed_in_order()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var externalId = $"c-{Guid.NewGuid():N}";
        var first = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "before the drop", externalId: externalId);

        var hub = await Server.ConnectHubAsync("supervisor");
        var live = new LiveEventCollector(hub);
        await hub.InvokeAsync("Watch", first.ConversationId);
        var seen = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "seen live", externalId: externalId);
        var lastSeen = (await live.WaitForAsync(e => e.Message?.MessageId == seen.MessageId)).Sequence;

        await hub.StopAsync(); // the connection drops
        var missed = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            missed.Add((await api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"while away {i}", externalId: externalId)).MessageId);
        }

        using var op = await Server.OperatorClientAsync("supervisor");
        await op.PostAsync($"/api/v1/conversations/{first.ConversationId}/resolve", null);

        await hub.StartAsync();
        var caughtUp = await hub.InvokeAsync<List<LiveEvent>>("GetMissedEvents", first.ConversationId, lastSeen);

        Assert.Equal(Enumerable.Range((int)lastSeen + 1, 6).Select(i => (long)i), caughtUp.Select(e => e.Sequence));
        Assert.Equal(missed, caughtUp.Where(e => e.Type == LiveEventTypes.MessageCreated).Select(e => e.Message!.MessageId));
        Assert.Equal(ConversationStatus.Resolved, caughtUp[^1].Conversation.Status);
        Assert.DoesNotContain(live.Events, e => missed.Contains(e.Message?.MessageId ?? Guid.Empty));
        await hub.DisposeAsync();
    }
}
