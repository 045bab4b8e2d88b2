using Inbox.Domain.Sla;
using System.Collections.Concurrent;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Domain.Reports;
using Inbox.Domain.Storage;
using Inbox.Web.Reports;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// The live figures: the queue without a team, the operators' presence, a conversation at SLA risk; and their push over the
/// hub to supervisors only, at most once a second however many changes happen.
/// </summary>
public sealed class ReportsLiveTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task The_live_figures_show_the_queue_the_operators_and_a_breached_conversation()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var before = DateTimeOffset.UtcNow;
        var waiting = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Anyone there?", externalId: $"c-{Guid.NewGuid():N}");
        await WriteSlaBreachAsync(waiting.ConversationId, SlaTargets.FirstResponse, before);

        var live = await (await supervisor.GetAsync("/api/v1/reports/live")).ReadAsync<LiveReport>();

        var noTeam = Assert.Single(live.Queues, q => q.Team is null);
        Assert.True(noTeam.Queued >= 1);
        Assert.True(noTeam.OldestQueuedAt <= live.ComputedAt);
        Assert.True(noTeam.OldestWaitSeconds >= 0);
        Assert.Contains(live.Operators.Operators, o => o.Login == "operator");
        Assert.Equal(live.Operators.Operators.Count, live.Operators.Online + live.Operators.Away + live.Operators.Offline);
        Assert.Equal(live.Operators.Operators.Sum(o => o.Capacity), live.Operators.Capacity);
        var risk = Assert.Single(live.SlaAtRisk, r => r.ConversationId == waiting.ConversationId);
        Assert.Equal((SlaTargets.FirstResponse, true, before), (risk.Target, risk.Breached, risk.DueAt));
    }

    [Fact]
    public async Task Supervisors_consoles_get_the_live_figures_at_most_once_a_second_and_operators_never()
    {
        await using var supervisorConsole = await Server.ConnectHubAsync("supervisor");
        await using var operatorConsole = await Server.ConnectHubAsync("operator");
        var toSupervisor = new ConcurrentQueue<LiveReport>();
        var toOperator = new ConcurrentQueue<LiveReport>();
        supervisorConsole.On<LiveReport>(ReportsPusher.Method, toSupervisor.Enqueue);
        operatorConsole.On<LiveReport>(ReportsPusher.Method, toOperator.Enqueue);
        using var api = Server.Client(InboxServer.ApiToken);
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        var before = (await (await supervisor.GetAsync("/api/v1/reports/live")).ReadAsync<LiveReport>()).Queues.Single(q => q.Team is null).Queued;

        // Twenty new conversations over about three seconds: many changes, a few pushes.
        for (var i = 0; i < 20; i++)
        {
            await api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"Message {i}", externalId: $"c-{Guid.NewGuid():N}");
            await Task.Delay(150);
        }

        // The last change is pushed too: a push counts all twenty.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!toSupervisor.Any(r => r.Queues.Single(q => q.Team is null).Queued >= before + 20))
        {
            Assert.True(DateTime.UtcNow < deadline, "The live figures with the last change never reached the supervisor.");
            await Task.Delay(50);
        }

        var pushes = toSupervisor.ToList();
        Assert.True(pushes.Count >= 2, $"Only {pushes.Count} push(es) in about three seconds of changes.");
        Assert.True(pushes.Count <= 20, $"{pushes.Count} pushes for 20 changes: they were not coalesced.");
        foreach (var (earlier, later) in pushes.Zip(pushes.Skip(1)))
        {
            Assert.True(later.ComputedAt - earlier.ComputedAt >= TimeSpan.FromMilliseconds(990),
                $"Two pushes {(later.ComputedAt - earlier.ComputedAt).TotalMilliseconds} ms apart.");
        }

        Assert.Contains(pushes[^1].Operators.Operators, o => o.Login == "supervisor" && o.State == PresenceState.Online);
        Assert.Empty(toOperator);
    }

    /// <summary>
    /// Writes an SLA breach through the store as the SLA watcher does: the timeline item and the breached clock row in one
    /// commit. The conversation's grain is not told, so the test writes nothing more to it.
    /// </summary>
    private async Task WriteSlaBreachAsync(Guid conversationId, string target, DateTimeOffset dueAt)
    {
        var store = Server.Services.GetRequiredService<IConversationStore>();
        var current = (await store.GetConversationAsync(conversationId))!;
        var now = DateTimeOffset.UtcNow;
        var sequence = current.LastSequence + 1;
        var metadata = new Dictionary<string, string>
        {
            [TimelineActions.Key] = TimelineActions.SlaBreached,
            ["target"] = target,
            ["dueAt"] = dueAt.ToString("O"),
        };
        var item = new TimelineMessage(Guid.NewGuid(), conversationId, sequence, MessageKind.Event, "event", null, null, "First response breached",
            null, null, null, null, now, now, Metadata: metadata);
        var next = current with { LastSequence = sequence, UpdatedAt = now };
        var clock = new SlaClockRecord(conversationId, target, current.QueuedAt ?? now, dueAt, dueAt, null, ConversationPriority.Normal, Warned: true, Breached: true);
        await store.CommitAsync(new ConversationCommit(next, [new LiveEvent(conversationId, sequence, LiveEventTypes.MessageCreated, now, next, item)], NewMessage: item,
            SlaClocks: [clock]));
    }
}
