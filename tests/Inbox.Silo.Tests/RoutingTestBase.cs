using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Operators;
using Inbox.Domain.Presence;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>What the routing tests do: teams and operators of their own, conversations put in a queue through the store, waits with a deadline.</summary>
public abstract class RoutingTestBase(ClusterFixture fixture)
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    protected static readonly DateTimeOffset Morning = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    protected IGrainFactory Grains => fixture.Grains;

    protected IConversationStore Store => fixture.SiloServices.GetRequiredService<IConversationStore>();

    protected IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    protected IOperatorStore Operators => fixture.SiloServices.GetRequiredService<IOperatorStore>();

    protected ITeamStore Teams => fixture.SiloServices.GetRequiredService<ITeamStore>();

    /// <summary>
    /// Creates or changes the team in the store, with exactly these members, and a routing rule that sends the team's seeded
    /// conversations (their handoff's intent is the team's key, <see cref="SeedAsync"/>) back to it when they re-enter the queue.
    /// </summary>
    protected async Task DefineAsync(Team team)
    {
        await Teams.SaveAsync(team);
        var rules = await Teams.GetRulesAsync();
        if (!rules.Any(r => r.Team == team.Key))
        {
            Assert.Empty(await Teams.ReplaceRulesAsync([.. rules, new RoutingRule(null, [team.Key], null, null, team.Key)]));
        }

        foreach (var gone in (await Teams.GetAsync(team.Key))!.Members.Except(team.Members))
        {
            Assert.Equal(TeamMembership.Done, await Teams.SetMemberAsync(team.Key, gone, member: false));
        }

        foreach (var member in team.Members)
        {
            Assert.Equal(TeamMembership.Done, await Teams.SetMemberAsync(team.Key, member, member: true));
        }
    }

    protected static string NewTeamKey() => "t-" + Guid.NewGuid().ToString("N")[..12];

    protected async Task<Guid> NewOperatorAsync(int capacity)
    {
        var id = Guid.NewGuid();
        Assert.True(await Operators.TryAddAsync(new OperatorAccount(id, "op-" + id.ToString("N"), "Operator " + id.ToString("N")[..6],
            OperatorRole.Operator, "not-a-hash", Morning)));
        Assert.True(await Operators.SetCapacityAsync(id, capacity));
        return id;
    }

    protected Task ConnectAsync(Guid operatorId) =>
        Grains.GetGrain<IOperatorPresenceGrain>(operatorId).ConnectAsync("node-a", Guid.NewGuid().ToString());

    /// <summary>
    /// A customer's conversation of <paramref name="team"/>, as the store holds it before its grain is active: handed off by
    /// the bot with the team's key as the intent and <paramref name="priority"/> (2: a possible victim).
    /// </summary>
    protected async Task<Guid> SeedAsync(string team, ConversationStatus status, int priority, DateTimeOffset queuedAt)
    {
        var id = Guid.NewGuid();
        var handoff = new HandoffInfo(team, null, null, Fraud: priority > 0, PossibleVictim: priority == 2, "summary", priority, queuedAt);
        var snapshot = new ConversationSnapshot(id, id, status, null, 1, queuedAt, "telegram", "telegram:" + id.ToString("N")[..8], "hello",
            queuedAt, queuedAt, Handoff: handoff, Team: team, QueuedAt: queuedAt);
        var message = new TimelineMessage(Guid.NewGuid(), id, 1, MessageKind.Inbound, "telegram", snapshot.LastInboundIdentity, "m-" + id.ToString("N"),
            "hello", null, "Customer", null, null, queuedAt, queuedAt);
        await Store.CommitAsync(new ConversationCommit(snapshot, [new LiveEvent(id, 1, LiveEventTypes.MessageCreated, queuedAt, snapshot, message)], message));
        return id;
    }

    protected async Task<List<ConversationSnapshot>> SnapshotsAsync(IEnumerable<Guid> ids) =>
        (await Task.WhenAll(ids.Select(id => Store.GetConversationAsync(id)))).Select(c => c!).ToList();

    protected async Task<List<IReadOnlyDictionary<string, string>>> AutoAssignmentsAsync(Guid id) =>
        (await Queries.GetTimelineAsync(id, null, 100)).Messages
            .Where(m => m.Kind == MessageKind.Event && m.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.AutoAssign)
            .Select(m => (IReadOnlyDictionary<string, string>)m.Metadata!).ToList();

    protected static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was not met in time.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
