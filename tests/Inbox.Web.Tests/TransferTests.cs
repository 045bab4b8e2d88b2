using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Auth;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// <c>POST /api/v1/conversations/{id}/transfer</c>: to an operator or to a team, with a note recorded on the timeline and heard
/// live by the receiver's console; by the assignee, by anyone on a conversation nobody holds, by supervisors and admins on any.
/// </summary>
public sealed class TransferTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private async Task<OperatorIdentity> MeAsync(HttpClient client) => (await client.GetFromJsonAsync<OperatorIdentity>("/api/v1/auth/me", InboxJson.Options))!;

    private async Task<Guid> NewConversationAsync(string text = "where is my parcel?")
    {
        using var api = Server.Client(InboxServer.ApiToken);
        return (await api.SendInboundAsync($"m-{Guid.NewGuid():N}", text, externalId: $"c-{Guid.NewGuid():N}")).ConversationId;
    }

    private async Task<string> TeamAsync()
    {
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var key = $"t-{Guid.NewGuid():N}"[..12];
        Assert.Equal(HttpStatusCode.Created, (await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}", new { name = "Second line" })).StatusCode);
        return key;
    }

    [Fact]
    public async Task The_assignee_transfers_to_a_colleague_whose_console_hears_it_with_the_note()
    {
        var id = await NewConversationAsync();
        using var op = await Server.OperatorClientAsync("operator");
        var me = await MeAsync(op);
        (await op.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        using var colleagueClient = await Server.OperatorClientAsync("operator2");
        var colleague = await MeAsync(colleagueClient);
        await using var colleagueHub = await Server.ConnectHubAsync("operator2");
        var heard = new LiveEventCollector(colleagueHub);

        var response = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { operatorId = colleague.OperatorId, note = "  The customer wants a refund; order 1234.  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snapshot = await response.ReadAsync<ConversationSnapshot>();
        Assert.Equal((ConversationStatus.Assigned, colleague.OperatorId), (snapshot.Status, snapshot.AssigneeId));
        var live = await heard.WaitForAsync(e => e.ConversationId == id && e.Type == LiveEventTypes.TakenOver);
        Assert.Equal(colleague.OperatorId, live.Conversation.AssigneeId);
        var item = Assert.Single((await colleagueClient.ConversationAsync(id)).Messages, m => m.Kind == MessageKind.Event);
        Assert.Equal(item.MessageId, live.Message!.MessageId);
        Assert.Equal($"{me.DisplayName} transferred the conversation to {colleague.DisplayName}: The customer wants a refund; order 1234.", item.Text);
        Assert.Equal((TimelineActions.Transfer, me.OperatorId.ToString(), colleague.OperatorId.ToString(), me.OperatorId.ToString()),
            (item.Metadata![TimelineActions.Key], item.Metadata["fromOperatorId"], item.Metadata["toOperatorId"], item.Metadata["previousAssigneeId"]));
        Assert.Equal("The customer wants a refund; order 1234.", item.Metadata["note"]);
        Assert.False(item.Metadata.ContainsKey("toTeam"));

        // It is the colleague's now: the first operator may no longer move it.
        var refused = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { operatorId = me.OperatorId, note = "back to me" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task To_a_team_it_waits_in_that_teams_queue_a_queued_one_keeping_its_wait()
    {
        var team = await TeamAsync();
        using var op = await Server.OperatorClientAsync("operator");
        var queuedId = await NewConversationAsync("first");
        var assignedId = await NewConversationAsync("second");
        var queuedAt = (await op.ConversationAsync(queuedId)).Conversation.QueuedAt;
        Assert.NotNull(queuedAt);
        (await op.PostAsync($"/api/v1/conversations/{assignedId}/assign", null)).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromMilliseconds(20));

        // Anyone may move a conversation nobody holds; the assignee their own.
        var fromQueue = await (await op.PostAsJsonAsync($"/api/v1/conversations/{queuedId}/transfer", new { team, note = "second line, please" })).ReadAsync<ConversationSnapshot>();
        var before = DateTimeOffset.UtcNow;
        var fromMe = await op.PostAsJsonAsync($"/api/v1/conversations/{assignedId}/transfer", new { team = team.ToUpperInvariant(), note = "not mine to answer" });

        Assert.Equal(HttpStatusCode.OK, fromMe.StatusCode);
        var moved = await fromMe.ReadAsync<ConversationSnapshot>();
        Assert.Equal((ConversationStatus.Queued, (Guid?)null, team), (moved.Status, moved.AssigneeId, moved.Team));
        Assert.True(moved.QueuedAt >= before);
        Assert.Equal((ConversationStatus.Queued, team, queuedAt), (fromQueue.Status, fromQueue.Team, fromQueue.QueuedAt));
        var queue = await op.ConversationsAsync($"?status=queued&team={team}");
        Assert.Equal([queuedId, assignedId], queue.Items.Select(i => i.Conversation.ConversationId));
        var item = Assert.Single((await op.ConversationAsync(assignedId)).Messages, m => m.Kind == MessageKind.Event);
        Assert.Equal((TimelineActions.Transfer, team), (item.Metadata![TimelineActions.Key], item.Metadata["toTeam"]));
        Assert.EndsWith($"transferred the conversation to team {team}: not mine to answer", item.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task Supervisors_and_admins_transfer_a_colleagues_conversation(string login)
    {
        var id = await NewConversationAsync();
        using var holder = await Server.OperatorClientAsync("operator2");
        (await holder.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        using var op = await Server.OperatorClientAsync("operator");
        var target = await MeAsync(op);
        using var client = await Server.OperatorClientAsync(login);

        var refused = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { operatorId = target.OperatorId, note = "mine now" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var response = await client.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { operatorId = target.OperatorId, note = "operator knows this customer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(target.OperatorId, (await response.ReadAsync<ConversationSnapshot>()).AssigneeId);
        Assert.Single((await client.ConversationAsync(id)).Messages, m => m.Kind == MessageKind.Event);
    }

    [Fact]
    public async Task Wrong_transfers_are_refused_and_change_nothing()
    {
        var id = await NewConversationAsync();
        var team = await TeamAsync();
        using var op = await Server.OperatorClientAsync("operator");
        var colleague = await MeAsync(op);
        using var anonymous = Server.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { team, note = "x" })).StatusCode);
        var bad = new (object Body, string Field)[]
        {
            (new { team, note = "  " }, "note"),
            (new { team }, "note"),
            (new { note = "nowhere" }, "operatorId"),
            (new { team, operatorId = colleague.OperatorId, note = "both" }, "operatorId"),
            (new { team = "no-such-team", note = "x" }, "team"),
            (new { operatorId = Guid.NewGuid(), note = "x" }, "operatorId"),
        };
        foreach (var (body, field) in bad)
        {
            var response = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/transfer", new { team, note = "x" })).StatusCode);
        (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/transfer", new { team, note = "x" })).StatusCode);
        var details = await op.ConversationAsync(id);
        Assert.Equal((ConversationStatus.Resolved, (string?)null), (details.Conversation.Status, details.Conversation.Team));
        Assert.DoesNotContain(details.Messages, m => m.Kind == MessageKind.Event);
    }
}
