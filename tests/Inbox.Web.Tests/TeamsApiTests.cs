using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;
using Inbox.Web.Auth;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// <c>/api/v1/teams</c>, <c>/api/v1/operators/{id}/teams</c> and <c>/api/v1/routing/rules</c> against every role: every
/// operator reads teams, only supervisors and admins change teams and rules; the demo teams route a new conversation.
/// </summary>
public sealed class TeamsApiTests : IAsyncLifetime
{
    private InboxServer server = null!;

    public async Task InitializeAsync() => server = await InboxServer.StartAsync(new Dictionary<string, string?> { ["Demo:Teams"] = "true" });

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static string NewKey() => $"team-{Guid.NewGuid():N}"[..16];

    private async Task<Guid> IdOfAsync(string login)
    {
        using var client = await server.OperatorClientAsync(login);
        return (await client.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!.OperatorId;
    }

    [Fact]
    public async Task The_demo_teams_and_rules_are_there_and_a_new_conversation_gets_its_team_and_wait()
    {
        using var op = await server.OperatorClientAsync("operator");
        var operatorId = await IdOfAsync("operator");
        var teams = (await op.GetFromJsonAsync<List<Team>>("/api/v1/teams", InboxJson.Options))!;
        Assert.Equal(["email", "fraud-response", "orders"], teams.Select(t => t.Key).Where(k => !k.StartsWith("team-", StringComparison.Ordinal)));
        Assert.Contains(operatorId, teams.Single(t => t.Key == "orders").Members);
        Assert.Equal(["email"], teams.Single(t => t.Key == "email").Channels);
        var mine = (await op.GetFromJsonAsync<List<Team>>($"/api/v1/operators/{operatorId}/teams", InboxJson.Options))!;
        Assert.Equal(["fraud-response", "orders"], mine.Select(t => t.Key));
        using var supervisor = await server.OperatorClientAsync("supervisor");
        var rules = (await supervisor.GetFromJsonAsync<RoutingRulesBody>("/api/v1/routing/rules", InboxJson.Options))!.Rules!;
        Assert.Equal(["fraud-response", "fraud-response", "email", "orders"], rules.Select(r => r.Team));
        Assert.True(rules[0].PossibleVictim);

        using var api = server.Client(InboxServer.ApiToken);
        var before = DateTimeOffset.UtcNow;
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ?", externalId: $"c-{Guid.NewGuid():N}");

        var conversation = (await op.ConversationAsync(accepted.ConversationId)).Conversation;
        Assert.Equal((ConversationStatus.Queued, "orders"), (conversation.Status, conversation.Team));
        Assert.InRange(conversation.QueuedAt!.Value, before, DateTimeOffset.UtcNow);
        var orders = await op.ConversationsAsync("?status=queued&team=orders&limit=200");
        var item = Assert.Single(orders.Items, i => i.Conversation.ConversationId == accepted.ConversationId);
        Assert.Equal(("orders", conversation.QueuedAt), (item.Conversation.Team, item.Conversation.QueuedAt));
        Assert.DoesNotContain((await op.ConversationsAsync("?status=queued&team=email&limit=200")).Items, i => i.Conversation.ConversationId == accepted.ConversationId);
        Assert.DoesNotContain((await op.ConversationsAsync("?team=none&limit=200")).Items, i => i.Conversation.ConversationId == accepted.ConversationId);
        var json = await op.GetStringAsync("/api/v1/conversations?status=queued&team=orders&limit=200");
        Assert.Contains("\"team\":\"orders\"", json, StringComparison.Ordinal);
        Assert.Contains("\"queuedAt\":", json, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?team=Not%20a%20key")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_is_refused_everywhere()
    {
        using var anonymous = server.Client();
        var id = Guid.NewGuid();
        var refused = new[]
        {
            await anonymous.GetAsync("/api/v1/teams"),
            await anonymous.GetAsync("/api/v1/teams/orders"),
            await anonymous.PutAsJsonAsync("/api/v1/teams/orders", new { name = "x" }),
            await anonymous.DeleteAsync("/api/v1/teams/orders"),
            await anonymous.PutAsync($"/api/v1/teams/orders/members/{id}", null),
            await anonymous.DeleteAsync($"/api/v1/teams/orders/members/{id}"),
            await anonymous.PutAsJsonAsync("/api/v1/teams/orders/auto-assign", new { enabled = false }),
            await anonymous.GetAsync($"/api/v1/operators/{id}/teams"),
            await anonymous.GetAsync("/api/v1/routing/rules"),
            await anonymous.PutAsJsonAsync("/api/v1/routing/rules", new { rules = Array.Empty<object>() }),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task An_operator_reads_teams_but_changes_neither_teams_nor_rules()
    {
        using var op = await server.OperatorClientAsync("operator");
        var colleague = await IdOfAsync("operator2");
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/v1/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/api/v1/teams/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"/api/v1/operators/{colleague}/teams")).StatusCode);

        var refused = new[]
        {
            await op.PutAsJsonAsync($"/api/v1/teams/{NewKey()}", new { name = "Mine" }),
            await op.PutAsJsonAsync("/api/v1/teams/orders", new { name = "Renamed" }),
            await op.DeleteAsync("/api/v1/teams/email"),
            await op.PutAsync($"/api/v1/teams/email/members/{colleague}", null),
            await op.DeleteAsync($"/api/v1/teams/orders/members/{colleague}"),
            await op.PutAsJsonAsync("/api/v1/teams/orders/auto-assign", new { enabled = false }),
            await op.GetAsync("/api/v1/routing/rules"),
            await op.PutAsJsonAsync("/api/v1/routing/rules", new { rules = Array.Empty<object>() }),
        };
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var orders = (await op.GetFromJsonAsync<Team>("/api/v1/teams/orders", InboxJson.Options))!;
        Assert.Equal(("Orders", true), (orders.Name, orders.AutoAssign));
        Assert.Contains(colleague, orders.Members);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task Supervisors_and_admins_create_staff_switch_and_delete_a_team(string login)
    {
        using var client = await server.OperatorClientAsync(login);
        var agent = await server.CreateOperatorAsync();
        var key = NewKey();

        var created = await client.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "Returns", channels = new[] { "Telegram", "vk", "vk" }, languages = new[] { "ru" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/teams/{key}", created.Headers.Location!.OriginalString);
        var team = await created.ReadAsync<Team>();
        Assert.Equal((key, "Returns", true), (team.Key, team.Name, team.AutoAssign));
        Assert.Equal(["telegram", "vk"], team.Channels);

        var added = await client.PutAsync($"/api/v1/teams/{key}/members/{agent.OperatorId}", null);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal([agent.OperatorId], (await added.ReadAsync<Team>()).Members);
        var agentTeams = (await client.GetFromJsonAsync<List<Team>>($"/api/v1/operators/{agent.OperatorId}/teams", InboxJson.Options))!;
        Assert.Equal([key], agentTeams.Select(t => t.Key));

        var updated = await client.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "Returns and refunds", languages = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var changed = await updated.ReadAsync<Team>();
        Assert.Equal(("Returns and refunds", 0, 0, true), (changed.Name, changed.Channels.Count, changed.Languages.Count, changed.AutoAssign));
        Assert.Equal([agent.OperatorId], changed.Members); // members stay

        var off = await client.PutAsJsonAsync($"/api/v1/teams/{key}/auto-assign", new { enabled = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.ReadAsync<Team>()).AutoAssign);
        Assert.False((await (await client.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "Returns" })).ReadAsync<Team>()).AutoAssign); // left out: kept

        var removed = await client.DeleteAsync($"/api/v1/teams/{key}/members/{agent.OperatorId}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty((await removed.ReadAsync<Team>()).Members);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/teams/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/teams/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/teams/{key}")).StatusCode);
    }

    [Fact]
    public async Task Wrong_input_is_refused_and_changes_nothing()
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        var agent = await server.CreateOperatorAsync();
        var key = NewKey();

        await AssertProblemAsync(await supervisor.PutAsJsonAsync("/api/v1/teams/Bad%20Key", new { name = "x" }), HttpStatusCode.BadRequest, "key");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/teams/{new string('a', 41)}", new { name = "x" }), HttpStatusCode.BadRequest, "key");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = " " }), HttpStatusCode.BadRequest, "name");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "x", channels = new[] { "fax" } }), HttpStatusCode.BadRequest, "channels");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "x", languages = new[] { "Russian" } }), HttpStatusCode.BadRequest, "languages");
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/v1/teams/{key}")).StatusCode);

        await AssertProblemAsync(await supervisor.PutAsync($"/api/v1/teams/{key}/members/{agent.OperatorId}", null), HttpStatusCode.NotFound, null);
        await AssertProblemAsync(await supervisor.PutAsync($"/api/v1/teams/orders/members/{Guid.NewGuid()}", null), HttpStatusCode.NotFound, null);
        await AssertProblemAsync(await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}/auto-assign", new { enabled = true }), HttpStatusCode.NotFound, null);
        await AssertProblemAsync(await supervisor.PutAsJsonAsync("/api/v1/teams/orders/auto-assign", new { }), HttpStatusCode.BadRequest, "enabled");
        await AssertProblemAsync(await supervisor.DeleteAsync($"/api/v1/teams/{key}/members/{agent.OperatorId}"), HttpStatusCode.NotFound, null);

        var rulesBefore = await supervisor.GetStringAsync("/api/v1/routing/rules");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync("/api/v1/routing/rules", new { rules = new[] { new { team = "orders" }, new { team = key } } }),
            HttpStatusCode.BadRequest, "rules");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync("/api/v1/routing/rules", new { rules = new object[] { new { channels = new[] { "fax" }, team = "orders" } } }),
            HttpStatusCode.BadRequest, "rules[0].channels");
        await AssertProblemAsync(await supervisor.PutAsJsonAsync("/api/v1/routing/rules", new { rules = new object[] { new { team = "Not A Key" } } }),
            HttpStatusCode.BadRequest, "rules[0].team");
        Assert.Equal(rulesBefore, await supervisor.GetStringAsync("/api/v1/routing/rules"));

        using var russian = await server.OperatorClientAsync("supervisor");
        russian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var problem = await (await russian.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "x", channels = new[] { "fax" } })).Content.ReadAsStringAsync();
        Assert.Contains("не канал", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_team_with_open_conversations_or_named_by_a_rule_is_not_deleted_and_rules_are_replaced_as_a_whole()
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "Temporary" })).StatusCode);
        using var api = server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hello", externalId: $"c-{Guid.NewGuid():N}");
        var moved = await supervisor.PostAsJsonAsync($"/api/v1/conversations/{accepted.ConversationId}/transfer", new { team = key, note = "try the new team" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        await AssertProblemAsync(await supervisor.DeleteAsync($"/api/v1/teams/{key}"), HttpStatusCode.Conflict, null);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/v1/conversations/{accepted.ConversationId}/resolve", null)).StatusCode);

        var seeded = (await supervisor.GetFromJsonAsync<RoutingRulesBody>("/api/v1/routing/rules", InboxJson.Options))!.Rules!;
        var replaced = await supervisor.PutAsJsonAsync("/api/v1/routing/rules",
            new RoutingRulesBody([new(["SMS"], ["order_status"], ["ru"], false, key), .. seeded]), InboxJson.Options);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var rules = (await supervisor.GetFromJsonAsync<RoutingRulesBody>("/api/v1/routing/rules", InboxJson.Options))!.Rules!;
        Assert.Equal([key, .. seeded.Select(r => r.Team)], rules.Select(r => r.Team));
        Assert.Equal(["sms"], rules[0].Channels);
        await AssertProblemAsync(await supervisor.DeleteAsync($"/api/v1/teams/{key}"), HttpStatusCode.Conflict, null);

        using var admin = await server.OperatorClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/routing/rules", new RoutingRulesBody(seeded), InboxJson.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/routing/rules")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/v1/teams/{key}")).StatusCode);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":" + (int)status, body, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains($"\"{field}\":", body, StringComparison.Ordinal);
        }
    }
}
