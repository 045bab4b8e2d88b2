using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 15's collisions and unread counts on two Inbox nodes (processes) on one PostgreSQL: operators connected to
/// different nodes see each other viewing and typing, and a read marker set through one node counts on the other.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeAlertsTests : IAsyncLifetime
{
    private TwoNodeCluster _cluster = null!;

    // Without the bot, a customer's first message waits in the queue.
    public async Task InitializeAsync() =>
        _cluster = await TwoNodeCluster.StartAsync("--Chatbot:Enabled=false", "--Conversations:InitialStatus=Queued");

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Operators_on_different_nodes_see_each_other_viewing_and_typing_and_share_read_markers()
    {
        using var api = TwoNodeCluster.Api(_cluster.A);
        // Several conversations, so that some of their grains live on each silo.
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await api.SendInboundAsync($"alerts-{i}", $"question {i}", externalId: $"alerts-{i}")).ConversationId);
        }

        await using var anna = await HubAsync(_cluster.A, "operator");
        await using var boris = await HubAsync(_cluster.B, "operator2");
        var annaSees = new ViewersCollector(anna);
        foreach (var id in ids)
        {
            await anna.InvokeAsync("Watch", id);
            await boris.InvokeAsync("Watch", id);
            await annaSees.WaitForAsync(id, v => v.Count == 2);
            await boris.InvokeAsync("Typing", id);
            await annaSees.WaitForAsync(id, v => v.Count(x => x.Typing) == 1);
        }

        await boris.StopAsync();
        await annaSees.WaitForAsync(ids[^1], v => v.Count == 1);

        // Read on node B, counted on node A.
        using var onA = await ClientAsync(_cluster.A, "operator");
        using var onB = await ClientAsync(_cluster.B, "operator");
        var details = await onB.GetFromJsonAsync<ConversationDetails>($"/api/v1/conversations/{ids[0]}", InboxJson.Options);
        var marked = await onB.PostAsJsonAsync($"/api/v1/conversations/{ids[0]}/read", new { sequence = details!.Conversation.LastSequence });
        Assert.True(marked.IsSuccessStatusCode, $"{marked.StatusCode}: {await marked.Content.ReadAsStringAsync()}\n{Tail(_cluster.B.Output)}");
        var page = await onA.GetFromJsonAsync<UnreadPage>($"/api/v1/conversations/unread?ids={ids[0]},{ids[1]}", InboxJson.Options);
        Assert.Equal([(ids[0], 0), (ids[1], 1)], page!.Items.Select(i => (i.ConversationId, i.Unread)).ToList());
        Assert.Equal(3, page.Total);
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    private static Task<HttpClient> ClientAsync(InboxProcess node, string login) => TwoNodeCluster.ClientAsync(node, login);

    private static async Task<HubConnection> HubAsync(InboxProcess node, string login)
    {
        var connection = await TwoNodeCluster.HubAsync(node, login);
        await connection.StartAsync();
        return connection;
    }
}
