using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Presence;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// Operators' presence grains, run against each provider's stores by a subclass, with the fixture's short grace (1 s) and
/// connection lifetime (2 s). Conditions are waited for with a deadline; nothing asserts after a fixed sleep.
/// </summary>
public abstract class PresenceGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private RecordingPublisher Publisher => fixture.SiloServices.GetRequiredService<RecordingPublisher>();

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    private IOperatorPresenceGrain Presence(Guid operatorId) => fixture.Grains.GetGrain<IOperatorPresenceGrain>(operatorId);

    [Fact]
    public async Task An_operator_is_online_while_a_console_is_connected_and_offline_after_the_grace()
    {
        var operatorId = Guid.NewGuid();
        var grain = Presence(operatorId);
        Assert.Equal(PresenceState.Offline, (await grain.GetAsync()).State);

        var first = await grain.ConnectAsync("node-a", "c1");
        await grain.ConnectAsync("node-b", "c2");
        Assert.Equal(PresenceState.Online, first.State);
        Assert.Contains(Publisher.Presences, p => p.OperatorId == operatorId && p.State == PresenceState.Online);

        var one = await grain.DisconnectAsync("c1");
        Assert.Equal((PresenceState.Online, 1), (one.State, one.Connections));
        var none = await grain.DisconnectAsync("c2");
        Assert.Equal((PresenceState.Online, 0), (none.State, none.Connections)); // within the grace

        await WaitForAsync(async () => (await grain.GetAsync()).State == PresenceState.Offline);
        Assert.Contains(Publisher.Presences, p => p.OperatorId == operatorId && p.State == PresenceState.Offline);
    }

    [Fact]
    public async Task A_console_that_reconnects_within_the_grace_keeps_the_operator_online()
    {
        var staying = Presence(Guid.NewGuid());
        var leaving = Presence(Guid.NewGuid());
        await staying.ConnectAsync("node-a", "s1");
        await leaving.ConnectAsync("node-a", "l1");

        await staying.DisconnectAsync("s1");
        await leaving.DisconnectAsync("l1");
        await staying.ConnectAsync("node-a", "s2"); // reconnected within the grace

        // Once the operator who left at the same moment is offline, the grace is over for both.
        await WaitForAsync(async () => (await leaving.GetAsync()).State == PresenceState.Offline);
        Assert.Equal(PresenceState.Online, (await staying.GetAsync()).State);
        await staying.DisconnectAsync("s2");
    }

    [Fact]
    public async Task Away_is_kept_until_available_again_and_cleared_when_the_operator_goes_offline()
    {
        var operatorId = Guid.NewGuid();
        var grain = Presence(operatorId);
        await grain.ConnectAsync("node-a", "c1");

        var away = await grain.SetAwayAsync(true);
        Assert.Equal(PresenceState.Away, away.State);
        Assert.Contains(Publisher.Presences, p => p.OperatorId == operatorId && p.State == PresenceState.Away);
        Assert.Equal(PresenceState.Online, (await grain.SetAwayAsync(false)).State);

        await grain.SetAwayAsync(true);
        await grain.DisconnectAsync("c1");
        await WaitForAsync(async () => (await grain.GetAsync()).State == PresenceState.Offline);
        Assert.Equal(PresenceState.Online, (await grain.ConnectAsync("node-a", "c2")).State);
        await grain.DisconnectAsync("c2");
    }

    [Fact]
    public async Task The_connections_of_a_node_that_stops_renewing_expire()
    {
        var renewed = Presence(Guid.NewGuid());
        var orphaned = Presence(Guid.NewGuid());
        await renewed.ConnectAsync("node-alive", "r1");
        await orphaned.ConnectAsync("node-dead", "o1"); // its node dies: nobody renews or closes it

        using var renewing = new CancellationTokenSource();
        var renewals = Task.Run(async () =>
        {
            while (!renewing.IsCancellationRequested)
            {
                await renewed.RenewAsync("node-alive", ["r1"]);
                await Task.Delay(TimeSpan.FromMilliseconds(300));
            }
        });

        await WaitForAsync(async () => (await orphaned.GetAsync()).State == PresenceState.Offline);
        var alive = await renewed.GetAsync();
        await renewing.CancelAsync();
        await renewals;
        Assert.Equal((PresenceState.Online, 1), (alive.State, alive.Connections));
        await renewed.RenewAsync("node-alive", []);
    }

    [Fact]
    public async Task An_offline_operators_unanswered_conversations_return_to_the_queue_in_its_order()
    {
        var operatorId = Guid.NewGuid();
        var older = await QueuedConversationAsync("older");
        var answered = await QueuedConversationAsync("answered");
        var noted = await QueuedConversationAsync("noted");
        var newer = await QueuedConversationAsync("newer");
        var ours = new HashSet<Guid> { older, answered, noted, newer };
        var queueBefore = await QueueOrderAsync(ours);
        foreach (var id in ours)
        {
            await fixture.Grains.GetGrain<IConversationGrain>(id).AssignAsync(operatorId);
        }

        await fixture.Grains.GetGrain<IConversationGrain>(answered).ReplyAsync(new ReplyRequest(null, "Anna", "On its way", null, null));
        await fixture.Grains.GetGrain<IConversationGrain>(noted).AddNoteAsync(operatorId, "Anna", "checking the warehouse");
        Assert.Equal([older, noted, newer], (await Queries.ListUnansweredAsync(operatorId)).Select(c => c.ConversationId));
        var grain = Presence(operatorId);
        await grain.ConnectAsync("node-a", "c1");
        await grain.DisconnectAsync("c1");

        // the last to go back, in the queue's order
        await WaitForAsync(async () => (await fixture.Grains.GetGrain<IConversationGrain>(newer).GetAsync())!.Status == ConversationStatus.Queued);

        var queueAfter = await QueueOrderAsync(ours);
        Assert.Equal(queueBefore.Where(id => id != answered), queueAfter);
        var kept = await fixture.Grains.GetGrain<IConversationGrain>(answered).GetAsync();
        Assert.Equal((ConversationStatus.Assigned, operatorId), (kept!.Status, kept.AssigneeId));
        var requeued = Publisher.Published.Where(e => ours.Contains(e.ConversationId) && e.Type == LiveEventTypes.ConversationChanged
            && e.Conversation.Status == ConversationStatus.Queued && e.Conversation.AssigneeId is null).Select(e => e.ConversationId).ToList();
        Assert.Equal([older, noted, newer], requeued);
        Assert.Equal(PresenceState.Offline, (await grain.GetAsync()).State);
    }

    [Fact]
    public async Task A_conversation_taken_by_someone_else_meanwhile_is_not_requeued()
    {
        var operatorId = Guid.NewGuid();
        var colleague = Guid.NewGuid();
        var id = await QueuedConversationAsync("taken by a colleague");
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.AssignAsync(colleague);

        var unchanged = await grain.RequeueFromAsync(operatorId);

        Assert.Equal((ConversationStatus.Assigned, colleague), (unchanged.Status, unchanged.AssigneeId));
    }

    private async Task<Guid> QueuedConversationAsync(string text)
    {
        var id = Guid.NewGuid();
        await fixture.Grains.GetGrain<IConversationGrain>(id).ReceiveAsync(new IncomingMessage("api", $"{id}-1", $"api:{id:N}", "Ivan", text, DateTimeOffset.UtcNow));
        await Task.Delay(TimeSpan.FromMilliseconds(5)); // distinct times of entering the queue, so the queue's order is known
        return id;
    }

    private async Task<List<Guid>> QueueOrderAsync(IReadOnlySet<Guid> ours)
    {
        var page = await Queries.ListConversationsAsync(new ConversationQuery([ConversationStatus.Queued], null, true, 0, 10_000));
        return page.Items.Select(i => i.Conversation.ConversationId).Where(ours.Contains).ToList();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
