using System.Net;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 15, item 6: unread counts. Each operator has a read marker per conversation, stored on the server, so that every
/// browser of theirs shows the same counts; a count is the customer's messages after the marker.
/// </summary>
public sealed class ReadMarkerApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private async Task<Guid> NewConversationAsync(string customer, params string[] texts)
    {
        using var api = Server.Client(InboxServer.ApiToken);
        Guid id = default;
        foreach (var text in texts)
        {
            id = (await api.SendInboundAsync($"m-{Guid.NewGuid():N}", text, externalId: customer)).ConversationId;
        }

        return id;
    }

    private static async Task<UnreadPage> UnreadAsync(HttpClient client, params Guid[] ids)
    {
        var response = await client.GetAsync($"/api/v1/conversations/unread?ids={string.Join(',', ids)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<UnreadPage>();
    }

    private static async Task<int> UnreadOfAsync(HttpClient client, Guid id) => Assert.Single((await UnreadAsync(client, id)).Items).Unread;

    [Fact]
    public async Task The_customers_messages_after_an_operators_marker_are_unread_for_that_operator_only()
    {
        var customer = $"c-{Guid.NewGuid():N}";
        var id = await NewConversationAsync(customer, "hello", "is anyone there?");
        using var op = await Server.OperatorClientAsync("operator");
        using var colleague = await Server.OperatorClientAsync("operator2");
        Assert.Equal(2, await UnreadOfAsync(op, id));

        var last = (await op.ConversationAsync(id)).Conversation.LastSequence;
        var marked = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/read", new { sequence = last });

        Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        Assert.Equal(new UnreadCount(id, 0, last), await marked.ReadAsync<UnreadCount>());
        Assert.Equal(0, await UnreadOfAsync(op, id));
        Assert.Equal(2, await UnreadOfAsync(colleague, id));

        await NewConversationAsync(customer, "my order 1234");
        Assert.Equal(1, await UnreadOfAsync(op, id));
        Assert.Equal(3, await UnreadOfAsync(colleague, id));

        // A marker never moves back (a slow request from another tab).
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/read", new { sequence = 1 })).StatusCode);
        Assert.Equal(1, await UnreadOfAsync(op, id));
        // The operator's replies and notes never count.
        await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "checking the order" });
        Assert.Equal(1, await UnreadOfAsync(op, id));
    }

    [Fact]
    public async Task The_total_counts_the_queue_and_my_own_conversations_not_a_colleagues()
    {
        using var op = await Server.OperatorClientAsync("operator");
        using var colleague = await Server.OperatorClientAsync("operator2");
        var before = (await UnreadAsync(op)).Total;

        var id = await NewConversationAsync($"c-{Guid.NewGuid():N}", "first", "second");
        var queued = await UnreadAsync(op);
        Assert.Equal(before + 2, queued.Total);
        Assert.Empty(queued.Items);

        (await colleague.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        Assert.Equal(before, (await UnreadAsync(op)).Total);
        Assert.Equal(2, await UnreadOfAsync(op, id)); // asked by id, a colleague's conversation still has a count
        var colleagueTotal = (await UnreadAsync(colleague)).Total;
        Assert.True(colleagueTotal >= 2, $"the assignee's total {colleagueTotal} includes the conversation's 2");

        var last = (await colleague.ConversationAsync(id)).Conversation.LastSequence;
        (await colleague.PostAsJsonAsync($"/api/v1/conversations/{id}/read", new { sequence = last })).EnsureSuccessStatusCode();
        Assert.Equal(colleagueTotal - 2, (await UnreadAsync(colleague)).Total);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var id = await NewConversationAsync($"c-{Guid.NewGuid():N}", "hello");
        using var op = await Server.OperatorClientAsync("operator");
        var last = (await op.ConversationAsync(id)).Conversation.LastSequence;

        foreach (var body in new object[] { new { }, new { sequence = -1 }, new { sequence = last + 1 } })
        {
            var response = await op.PostAsJsonAsync($"/api/v1/conversations/{id}/read", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("sequence", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/read", new { sequence = 0 })).StatusCode);
        var notAnId = await op.GetAsync("/api/v1/conversations/unread?ids=not-an-id");
        Assert.Equal(HttpStatusCode.BadRequest, notAnId.StatusCode);
        Assert.Contains("ids", await notAnId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooMany = string.Join(',', Enumerable.Range(0, ReadMarkerEndpoints.MaxIds + 1).Select(_ => Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync($"/api/v1/conversations/unread?ids={tooMany}")).StatusCode);
        Assert.Equal(1, await UnreadOfAsync(op, id));
    }
}
