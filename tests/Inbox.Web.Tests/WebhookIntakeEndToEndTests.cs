using System.Net;
using System.Text;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// The durable webhook intake in the whole node, on the real SQLite store: VK gets its <c>ok</c> before users.get has answered,
/// a node stopped before it processed the event processes it after the restart, and a redelivery is still one message.
/// </summary>
public sealed class WebhookIntakeEndToEndTests : IAsyncLifetime
{
    private const string Event = """{"type":"message_new","event_id":"intake-1","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"message":{"id":1841,"date":1767225600,"peer_id":123456789,"from_id":123456789,"out":0,"text":"Где заказ?","conversation_message_id":57,"attachments":[],"fwd_messages":[]},"client_info":{}}}""";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbox-web-tests", "intake-" + Guid.NewGuid().ToString("N"));
    private FakeProviders _providers = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _providers = await FakeProviders.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _providers.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }

    [Fact]
    public async Task Ok_comes_before_users_get_and_an_event_acknowledged_before_a_stop_arrives_after_the_restart_once()
    {
        _providers.UsersGetGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var first = await StartAsync())
        {
            using var client = first.Client();
            using var ok = await client.PostAsync("/webhooks/vk", Json(Event)).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("ok", await ok.Content.ReadAsStringAsync());
            await InboxApi.EventuallyAsync(() => Task.FromResult(_providers.UsersGetCalls), calls => calls >= 1);
            using var op = await first.OperatorClientAsync("supervisor");
            Assert.DoesNotContain((await op.ConversationsAsync("?limit=200")).Items, i => i.Conversation.LastInboundIdentity == "vk:123456789");
        } // the node stops while users.get still hangs: the event was acknowledged but not processed

        _providers.UsersGetGate.SetResult();
        await using var second = await StartAsync();
        using var again = await second.Client().PostAsync("/webhooks/vk", Json(Event)); // VK's redelivery as well
        Assert.Equal("ok", await again.Content.ReadAsStringAsync());

        using var operatorClient = await second.OperatorClientAsync("supervisor");
        var page = await InboxApi.EventuallyAsync(() => operatorClient.ConversationsAsync("?limit=200"),
            p => p.Items.Any(i => i.Conversation.LastInboundIdentity == "vk:123456789"));
        var id = Assert.Single(page.Items, i => i.Conversation.LastInboundIdentity == "vk:123456789").Conversation.ConversationId;
        var details = await operatorClient.ConversationAsync(id);
        Assert.Equal("Где заказ?", Assert.Single(details.Messages).Text);
        Assert.Equal("Иван Петров", details.Customer!.Name);

        using var health = await second.Client().GetAsync("/health/ready");
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync()); // nothing left as a dead letter
    }

    private Task<InboxServer> StartAsync() => InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Storage:Sqlite:Path"] = Path.Combine(_folder, "inbox.db"),
        ["Channels:Vk:GroupId"] = "229000000",
        ["Channels:Vk:AccessToken"] = "vk-token",
        ["Channels:Vk:Secret"] = "s3cr3t",
        ["Channels:Vk:ConfirmationCode"] = "a1b2c3d4",
        ["Channels:Vk:ApiBaseUrl"] = _providers.BaseUrl,
    });

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
