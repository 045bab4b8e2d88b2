using System.Globalization;
using System.Net.Http.Json;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// SLA timers across a restart of the process: Inbox runs as its own process on a SQLite file with a first-response target
/// of 40 seconds; a conversation enters the queue, the process is killed well before the warning (32 s) and started again
/// on the same file at least 10 seconds later. The breach still comes at the original due time (not 40 seconds after the
/// restart), exactly once.
/// </summary>
public sealed class SlaRestartTests : IDisposable
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(40);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbox-sla-restart-tests", Guid.NewGuid().ToString("N"));

    public SlaRestartTests() => Directory.CreateDirectory(_folder);

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

    /// <summary>
    /// The watcher runs on the node holding its lease; the killed process still holds it until it expires, so the restarted
    /// one takes it over after at most the lease's duration and a renewal interval (30 s and 10 s by default, which would
    /// put the breach up to 40 s late). Short leases here: the breach comes within seconds of its due time.
    /// </summary>
    private static readonly string[] Settings =
    [
        "--Chatbot:Enabled=false", "--Sla:CheckInterval=00:00:01", "--Sla:Policies:0:FirstResponse=00:00:40", "--Sla:Policies:0:Resolution=01:00:00",
        "--Cluster:Leases:Duration=00:00:05", "--Cluster:Leases:RenewInterval=00:00:01",
    ];

    [Fact]
    public async Task A_running_clock_is_neither_dropped_nor_restarted_by_a_restart_and_breaches_once_at_its_due_time()
    {
        var database = Path.Combine(_folder, "inbox.db");
        Guid conversationId;
        DateTimeOffset queuedAt;
        using (var first = await InboxProcess.StartAsync(database, FreePort.Next(), FreePort.Next(), FreePort.Next(), Settings))
        {
            using var api = new HttpClient { BaseAddress = first.BaseAddress };
            api.DefaultRequestHeaders.Authorization = new("Bearer", InboxServer.ApiToken);
            conversationId = (await api.SendInboundAsync("restart-1", "where is my order?", externalId: "restart-customer")).ConversationId;
            using var supervisor = await SupervisorAsync(first.BaseAddress);
            queuedAt = (await supervisor.ConversationAsync(conversationId)).Conversation.QueuedAt!.Value;
        } // killed (SIGKILL, as Dispose does) a moment after the conversation entered the queue

        var due = queuedAt + Target;
        var stoppedFor = queuedAt.AddSeconds(10) - DateTimeOffset.UtcNow;
        if (stoppedFor > TimeSpan.Zero)
        {
            await Task.Delay(stoppedFor); // down for at least 10 seconds: a restarted clock would be due 10 seconds late or more
        }

        var restartedAt = DateTimeOffset.UtcNow;
        Assert.True(restartedAt < queuedAt + TimeSpan.FromSeconds(32), "the process was down past the warning; the test machine is too slow to tell");
        using var second = await InboxProcess.StartAsync(database, FreePort.Next(), FreePort.Next(), FreePort.Next(), Settings);
        using var client = await SupervisorAsync(second.BaseAddress);

        // Polled with a generous deadline: the restarted process may be slow to start on a busy machine.
        var items = await SlaItemsAsync(client, conversationId);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (!items.Any(m => m.Metadata![TimelineActions.Key] == TimelineActions.SlaBreached) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(200);
            items = await SlaItemsAsync(client, conversationId);
        }

        var output = second.Output;
        Assert.True(items.Any(m => m.Metadata![TimelineActions.Key] == TimelineActions.SlaBreached),
            $"no breach by {deadline:O} (due {due:O}); the restarted process wrote:\n{output[Math.Max(0, output.Length - 4000)..]}");
        var breach = Assert.Single(items, m => m.Metadata![TimelineActions.Key] == TimelineActions.SlaBreached);
        Assert.Equal(("firstResponse", due.ToString("O", CultureInfo.InvariantCulture)), (breach.Metadata!["target"], breach.Metadata["dueAt"]));
        Assert.True(breach.CreatedAt >= due, $"breached at {breach.CreatedAt:O}, before its due time {due:O}");
        Assert.True(breach.CreatedAt < restartedAt + Target, $"breached at {breach.CreatedAt:O}: the clock restarted with the process at {restartedAt:O}");

        // Recorded once, and the warning too (the process was up again before 80%, or the breach alone when it came too late).
        var warnings = items.Count(m => m.Metadata![TimelineActions.Key] == TimelineActions.SlaAtRisk);
        Assert.InRange(warnings, 0, 1);
        await Task.Delay(TimeSpan.FromSeconds(2)); // two more rounds of the watcher (every second at the longest)
        var after = await SlaItemsAsync(client, conversationId);
        Assert.Single(after, m => m.Metadata![TimelineActions.Key] == TimelineActions.SlaBreached);
        Assert.Equal(warnings, after.Count(m => m.Metadata![TimelineActions.Key] == TimelineActions.SlaAtRisk));
    }

    private static async Task<HttpClient> SupervisorAsync(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login = "supervisor", password = InboxServer.DemoPassword });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["accessToken"].ToString()!);
        return client;
    }

    private static async Task<List<TimelineMessage>> SlaItemsAsync(HttpClient client, Guid conversationId)
    {
        var page = await client.GetFromJsonAsync<TimelinePage>($"/api/v1/conversations/{conversationId}/messages?limit=200", InboxJson.Options);
        return [.. page!.Messages.Where(m => m.Kind == MessageKind.Event
            && m.Metadata?.GetValueOrDefault(TimelineActions.Key) is TimelineActions.SlaAtRisk or TimelineActions.SlaBreached)];
    }
}
