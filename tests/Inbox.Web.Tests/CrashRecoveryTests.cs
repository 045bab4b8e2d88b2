using System.Collections.Concurrent;
using System.Net.Http.Json;
using Inbox.Connectors.Api;
using Inbox.Domain;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Product rule 1: Inbox is killed with SIGKILL while messages pour in; after a restart every acknowledged message
/// is there exactly once, and the senders' retries of all of them store nothing twice.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbox-crash-tests", Guid.NewGuid().ToString("N"));

    public CrashRecoveryTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
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
    public async Task Every_acknowledged_message_survives_sigkill_exactly_once()
    {
        var database = Path.Combine(_folder, "inbox.db");
        var (http, silo, gateway) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var acknowledged = new ConcurrentDictionary<string, (ApiInboundResponse Answer, string Customer)>();

        using (var inbox = await InboxProcess.StartAsync(database, http, silo, gateway))
        {
            using var api = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            api.DefaultRequestHeaders.Authorization = new("Bearer", InboxServer.ApiToken);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 16).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; i < 10_000 && !stop.IsCancellationRequested; i++)
                {
                    var messageId = $"crash-{sender}-{i}";
                    var customer = $"cust-{(sender * 7 + i) % 40}";
                    try
                    {
                        var response = await api.PostInboundAsync(new { messageId, customer = new { externalId = customer }, text = $"message {i} of sender {sender}" });
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged[messageId] = ((await response.Content.ReadFromJsonAsync<ApiInboundResponse>(InboxJson.Options))!, customer);
                        }
                    }
                    catch (Exception)
                    {
                        return; // the process died under this request: it was not acknowledged
                    }
                }
            })).ToList();

            // Kill it in full flight, once a good number of messages were acknowledged.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 300 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            inbox.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} messages were acknowledged before the kill");

        using var restarted = await InboxProcess.StartAsync(database, FreePort.Next(), FreePort.Next(), FreePort.Next());
        using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(client));

        var conversations = acknowledged.Values.Select(a => a.Answer.ConversationId).Distinct().ToList();
        var stored = await StoredExternalIdsAsync(client, conversations);
        foreach (var messageId in acknowledged.Keys)
        {
            Assert.Equal(1, stored.Count(id => id == messageId));
        }

        // Every sender retries everything it sent (it cannot know which answers were lost): nothing is stored twice.
        using var api2 = new HttpClient { BaseAddress = restarted.BaseAddress };
        api2.DefaultRequestHeaders.Authorization = new("Bearer", InboxServer.ApiToken);
        foreach (var (messageId, (first, customer)) in acknowledged)
        {
            var again = await api2.SendInboundAsync(messageId, "retried", externalId: customer);
            Assert.True(again.Duplicate, $"{messageId} was stored again");
            Assert.Equal(first.MessageId, again.MessageId);
        }

        // The bot may still be answering the messages it had not answered before the kill (its start-up sweep), so
        // only the customers' messages are counted.
        var after = await StoredExternalIdsAsync(client, conversations);
        Assert.Equal(stored.Count, after.Count);
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login = "supervisor", password = InboxServer.DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString()!;
    }

    /// <summary>The provider ids of the customers' messages stored in the conversations.</summary>
    private static async Task<List<string>> StoredExternalIdsAsync(HttpClient client, IEnumerable<Guid> conversations)
    {
        var ids = new List<string>();
        foreach (var conversation in conversations)
        {
            string? before = null;
            do
            {
                var page = await client.GetFromJsonAsync<Inbox.Domain.Storage.TimelinePage>(
                    $"/api/v1/conversations/{conversation}/messages?limit=200{(before is null ? "" : $"&before={before}")}", InboxJson.Options);
                ids.AddRange(page!.Messages.Where(m => m.Kind == Inbox.Domain.Conversations.MessageKind.Inbound).Select(m => m.ExternalId!));
                before = page.NextBefore;
            }
            while (before is not null);
        }

        return ids;
    }
}
