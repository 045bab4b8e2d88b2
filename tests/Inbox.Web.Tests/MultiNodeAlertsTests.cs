using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Testing.Postgres;
using Inbox.Web.OperatorApi;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// Issue 15's collisions and unread counts on two Inbox nodes (processes) on one PostgreSQL: operators connected to
/// different nodes see each other viewing and typing, and a read marker set through one node counts on the other.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeAlertsTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "inbox-cluster-tests", Guid.NewGuid().ToString("N"));
    private TemporaryPostgres _postgres = null!;
    private InboxProcess _a = null!;
    private InboxProcess _b = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _postgres = await TemporaryPostgres.StartAsync();
        var database = await _postgres.CreateDatabaseAsync();
        // The first node creates the tables and the demo accounts; the second joins it.
        // Without the bot, a customer's first message waits in the queue.
        string[] settings = ["--Chatbot:Enabled=false", "--Conversations:InitialStatus=Queued"];
        _a = await InboxProcess.StartClusterNodeAsync(1, database, _data, FreePort.Next(), FreePort.Next(), FreePort.Next(), settings);
        _b = await InboxProcess.StartClusterNodeAsync(2, database, _data, FreePort.Next(), FreePort.Next(), FreePort.Next(), settings);
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }

    [Fact]
    public async Task Operators_on_different_nodes_see_each_other_viewing_and_typing_and_share_read_markers()
    {
        using var api = new HttpClient { BaseAddress = _a.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", InboxServer.ApiToken);
        // Several conversations, so that some of their grains live on each silo.
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await api.SendInboundAsync($"alerts-{i}", $"question {i}", externalId: $"alerts-{i}")).ConversationId);
        }

        await using var anna = await HubAsync(_a, "operator");
        await using var boris = await HubAsync(_b, "operator2");
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
        using var onA = await ClientAsync(_a, "operator");
        using var onB = await ClientAsync(_b, "operator");
        var details = await onB.GetFromJsonAsync<ConversationDetails>($"/api/v1/conversations/{ids[0]}", InboxJson.Options);
        var marked = await onB.PostAsJsonAsync($"/api/v1/conversations/{ids[0]}/read", new { sequence = details!.Conversation.LastSequence });
        Assert.True(marked.IsSuccessStatusCode, $"{marked.StatusCode}: {await marked.Content.ReadAsStringAsync()}\n{Tail(_b.Output)}");
        var page = await onA.GetFromJsonAsync<UnreadPage>($"/api/v1/conversations/unread?ids={ids[0]},{ids[1]}", InboxJson.Options);
        Assert.Equal([(ids[0], 0), (ids[1], 1)], page!.Items.Select(i => (i.ConversationId, i.Unread)).ToList());
        Assert.Equal(3, page.Total);
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    private static async Task<string> TokenAsync(InboxProcess node, string login)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password = InboxServer.DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString()!;
    }

    private static async Task<HttpClient> ClientAsync(InboxProcess node, string login)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(node, login));
        return client;
    }

    private static async Task<HubConnection> HubAsync(InboxProcess node, string login)
    {
        var token = await TokenAsync(node, login);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "/hubs/inbox"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => InboxJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
