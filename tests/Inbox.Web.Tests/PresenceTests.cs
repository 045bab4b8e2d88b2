using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// Presence through real SignalR consoles, with the fixture's one-second grace: online while a console is connected, offline
/// after the grace once the last one drops, away, the requeue of an offline operator's unanswered conversations, and the
/// roles of the new endpoints. Every wait is for a condition, with a deadline.
/// </summary>
public sealed class PresenceTests(PresenceServerFixture fixture) : IClassFixture<PresenceServerFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task An_operator_is_online_while_any_console_is_connected_and_offline_after_the_grace()
    {
        var agent = await Server.CreateOperatorAsync();
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        Assert.Equal(PresenceState.Offline, (await PresenceOfAsync(supervisor, agent.OperatorId)).State);

        await using var first = await ConnectAsync(agent);
        await using var second = await ConnectAsync(agent);
        var both = await WaitForPresenceAsync(supervisor, agent.OperatorId, p => p.Connections == 2);
        Assert.Equal(PresenceState.Online, both.State);

        await first.StopAsync();
        var one = await WaitForPresenceAsync(supervisor, agent.OperatorId, p => p.Connections == 1);
        Assert.Equal(PresenceState.Online, one.State);

        await second.StopAsync();
        var offline = await WaitForPresenceAsync(supervisor, agent.OperatorId, p => p.State == PresenceState.Offline);
        Assert.Equal(0, offline.Connections);
    }

    [Fact]
    public async Task A_console_that_reconnects_within_the_grace_stays_online()
    {
        var staying = await Server.CreateOperatorAsync();
        var leaving = await Server.CreateOperatorAsync();
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var stayingConsole = await ConnectAsync(staying);
        var leavingConsole = await ConnectAsync(leaving);

        await stayingConsole.StopAsync();
        await leavingConsole.StopAsync();
        await stayingConsole.StartAsync(); // the console reconnects at once

        // The operator who left at the same moment going offline shows the grace is over for both.
        await WaitForPresenceAsync(supervisor, leaving.OperatorId, p => p.State == PresenceState.Offline);
        Assert.Equal(PresenceState.Online, (await PresenceOfAsync(supervisor, staying.OperatorId)).State);
        await stayingConsole.DisposeAsync();
    }

    [Fact]
    public async Task An_operator_sets_away_and_back_and_supervisors_hear_it_live()
    {
        var agent = await Server.CreateOperatorAsync();
        await using var supervisorConsole = await Server.ConnectHubAsync("supervisor");
        var heard = new PresenceCollector(supervisorConsole);
        await using var console = await ConnectAsync(agent);
        await heard.WaitForAsync(p => p.OperatorId == agent.OperatorId && p.State == PresenceState.Online);
        using var me = await ClientAsync(agent);

        var away = await me.PutAsJsonAsync("/api/v1/me/presence", new { state = "away" });
        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        Assert.Equal(PresenceState.Away, (await away.ReadAsync<OperatorPresence>()).State);
        await heard.WaitForAsync(p => p.OperatorId == agent.OperatorId && p.State == PresenceState.Away);
        Assert.Equal(PresenceState.Away, (await me.GetFromJsonAsync<OperatorPresence>("/api/v1/me/presence", InboxJson.Options))!.State);

        var back = await me.PutAsJsonAsync("/api/v1/me/presence", new { state = "available" });
        Assert.Equal(PresenceState.Online, (await back.ReadAsync<OperatorPresence>()).State);
        await heard.WaitForAsync(p => p.OperatorId == agent.OperatorId && p.State == PresenceState.Online && p.Since > away.Headers.Date);
    }

    [Fact]
    public async Task A_wrong_state_is_refused_in_the_callers_language()
    {
        using var me = await Server.OperatorClientAsync("operator2");

        var english = await me.PutAsJsonAsync("/api/v1/me/presence", new { state = "asleep" });
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/presence") { Content = JsonContent.Create(new { state = "" }) };
        request.Headers.AcceptLanguage.ParseAdd("ru-RU, en;q=0.5");
        var russian = await me.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Contains("available or away", await english.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, russian.StatusCode);
        Assert.Contains("Укажите состояние", await russian.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_offline_operators_unanswered_conversations_return_to_the_queue_in_order_and_consoles_hear_it()
    {
        var agent = await Server.CreateOperatorAsync();
        using var api = Server.Client(InboxServer.ApiToken);
        using var me = await ClientAsync(agent);
        var older = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my parcel?", externalId: $"c-{Guid.NewGuid():N}");
        var answered = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Can I change the address?", externalId: $"c-{Guid.NewGuid():N}");
        var newer = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "I was charged twice", externalId: $"c-{Guid.NewGuid():N}");
        foreach (var id in new[] { older.ConversationId, answered.ConversationId, newer.ConversationId })
        {
            (await me.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        }

        var reply = await me.PostAsJsonAsync($"/api/v1/conversations/{answered.ConversationId}/messages", new { text = "Yes, tell me the new one." });
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        await using var supervisorConsole = await Server.ConnectHubAsync("supervisor");
        var live = new LiveEventCollector(supervisorConsole);
        var console = await ConnectAsync(agent);
        await console.DisposeAsync(); // the operator's only console closes, and stays closed past the grace

        // the last to go back, in the queue's order
        await live.WaitForAsync(e => e.ConversationId == newer.ConversationId && e.Conversation.Status == ConversationStatus.Queued);
        var requeued = live.Events.Where(e => e.Type == LiveEventTypes.ConversationChanged && e.Conversation.Status == ConversationStatus.Queued
            && e.Conversation.AssigneeId is null).Select(e => e.ConversationId).ToList();
        Assert.Equal([older.ConversationId, newer.ConversationId], requeued.Where(id => id == newer.ConversationId || id == older.ConversationId));
        Assert.DoesNotContain(answered.ConversationId, requeued);
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var queue = await supervisor.GetFromJsonAsync<ConversationListPage>("/api/v1/conversations?status=queued&assignee=none&limit=100", InboxJson.Options);
        var ours = queue!.Items.Select(i => i.Conversation.ConversationId).Where(id => id == older.ConversationId || id == newer.ConversationId).ToList();
        Assert.Equal([older.ConversationId, newer.ConversationId], ours);
        var kept = await supervisor.GetFromJsonAsync<ConversationDetails>($"/api/v1/conversations/{answered.ConversationId}", InboxJson.Options);
        Assert.Equal((ConversationStatus.Assigned, agent.OperatorId), (kept!.Conversation.Status, kept.Conversation.AssigneeId));
        var floor = await WaitForPresenceAsync(supervisor, agent.OperatorId, p => p.State == PresenceState.Offline);
        Assert.Equal(1, floor.Load);
    }

    [Fact]
    public async Task A_nodes_connections_expire_when_it_stops_renewing_them_while_a_live_nodes_are_renewed()
    {
        var orphaned = await Server.CreateOperatorAsync();
        var connected = await Server.CreateOperatorAsync();
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        // A node that dies without closing its console: it reported the connection once and never renews it.
        var grains = Server.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IOperatorPresenceGrain>(orphaned.OperatorId).ConnectAsync("a-node-that-died", "its-console");
        await using var console = await ConnectAsync(connected);
        var since = (await WaitForPresenceAsync(supervisor, connected.OperatorId, p => p.State == PresenceState.Online)).Since;

        // Offline after the connection lifetime (2 s) and the grace (1 s): longer than a live connection lasts unrenewed.
        await WaitForPresenceAsync(supervisor, orphaned.OperatorId, p => p.State == PresenceState.Offline);

        var live = await PresenceOfAsync(supervisor, connected.OperatorId);
        Assert.Equal((PresenceState.Online, 1, since), (live.State, live.Connections, live.Since));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized)]
    [InlineData("operator", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("supervisor", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task Every_role_gets_what_it_may(string? login, HttpStatusCode setOwnPresence, HttpStatusCode readFloor, HttpStatusCode setCapacity)
    {
        var agent = await Server.CreateOperatorAsync();
        using var client = login is null ? Server.Client() : await Server.OperatorClientAsync(login);

        var own = await client.PutAsJsonAsync("/api/v1/me/presence", new { state = "available" });
        var ownRead = await client.GetAsync("/api/v1/me/presence");
        var floor = await client.GetAsync("/api/v1/operators/presence");
        var capacity = await client.PutAsJsonAsync($"/api/v1/operators/{agent.OperatorId}/capacity", new { capacity = 3 });

        Assert.Equal(setOwnPresence, own.StatusCode);
        Assert.Equal(setOwnPresence, ownRead.StatusCode);
        Assert.Equal(readFloor, floor.StatusCode);
        Assert.Equal(setCapacity, capacity.StatusCode);
    }

    [Fact]
    public async Task An_admin_sets_a_capacity_from_0_to_100_that_the_floor_shows_and_that_is_kept()
    {
        var agent = await Server.CreateOperatorAsync();
        using var admin = await Server.OperatorClientAsync("admin");
        Assert.Equal(5, (await PresenceOfAsync(admin, agent.OperatorId)).Capacity); // the default

        var set = await admin.PutAsJsonAsync($"/api/v1/operators/{agent.OperatorId}/capacity", new { capacity = 12 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(12, (await set.ReadAsync<OperatorPresenceView>()).Capacity);
        Assert.Equal(12, (await PresenceOfAsync(admin, agent.OperatorId)).Capacity);
        foreach (var wrong in new object[] { new { capacity = 101 }, new { capacity = -1 }, new { } })
        {
            var refused = await admin.PutAsJsonAsync($"/api/v1/operators/{agent.OperatorId}/capacity", wrong);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"capacity\"", await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/operators/{agent.OperatorId}/capacity", new { capacity = 0 })).StatusCode);
        Assert.Equal(0, (await PresenceOfAsync(admin, agent.OperatorId)).Capacity);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/operators/{Guid.NewGuid()}/capacity", new { capacity = 3 })).StatusCode);
    }

    private async Task<HttpClient> ClientAsync(OperatorView agent) => Server.Client((await Server.LoginForTokensAsync(agent.Login)).AccessToken);

    private async Task<HubConnection> ConnectAsync(OperatorView agent) =>
        await Server.ConnectHubWithTokenAsync((await Server.LoginForTokensAsync(agent.Login)).AccessToken);

    private static async Task<OperatorPresenceView> PresenceOfAsync(HttpClient client, Guid operatorId)
    {
        var floor = await client.GetFromJsonAsync<List<OperatorPresenceView>>("/api/v1/operators/presence", InboxJson.Options);
        return Assert.Single(floor!, p => p.OperatorId == operatorId);
    }

    private static async Task<OperatorPresenceView> WaitForPresenceAsync(HttpClient client, Guid operatorId, Func<OperatorPresenceView, bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var presence = await PresenceOfAsync(client, operatorId);
            if (condition(presence))
            {
                return presence;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Operator {operatorId} is still {presence.State} with {presence.Connections} connections.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
