using Inbox.Domain.Conversations;
using Inbox.Domain.Operators;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Tests;

/// <summary>Teams, their members, the routing rules and the queue's order, run against each provider by a subclass: a fresh store per test.</summary>
public abstract class TeamStoreTests : StoreTestBase
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private async Task<Guid> OperatorAsync(string login)
    {
        var account = new OperatorAccount(Guid.NewGuid(), login, login, OperatorRole.Operator, "hash", Now);
        Assert.True(await Store.Operators.TryAddAsync(account));
        return account.OperatorId;
    }

    [Fact]
    public async Task A_team_is_created_changed_and_keeps_its_members_an_operator_in_several()
    {
        var anna = await OperatorAsync("anna");
        var boris = await OperatorAsync("boris");
        var orders = new Team("orders", "Orders", ["telegram", "sms"], ["ru", "uk"], true, []);

        Assert.True(await Store.Teams.SaveAsync(orders));
        Assert.True(await Store.Teams.SaveAsync(new Team("email", "Email", ["email"], [], false, [])));
        Assert.Equal(TeamMembership.Done, await Store.Teams.SetMemberAsync("orders", anna, true));
        Assert.Equal(TeamMembership.Done, await Store.Teams.SetMemberAsync("orders", boris, true));
        Assert.Equal(TeamMembership.Done, await Store.Teams.SetMemberAsync("orders", boris, true)); // again: nothing more
        Assert.Equal(TeamMembership.Done, await Store.Teams.SetMemberAsync("email", anna, true));
        Assert.Equal(TeamMembership.TeamNotFound, await Store.Teams.SetMemberAsync("nobody", anna, true));
        Assert.Equal(TeamMembership.OperatorNotFound, await Store.Teams.SetMemberAsync("orders", Guid.NewGuid(), true));

        Assert.Equal(orders with { Members = new[] { anna, boris }.Order().ToList() }, await Store.Teams.GetAsync("orders"), TeamComparer.Instance);
        Assert.Equal(["email", "orders"], (await Store.Teams.ListAsync()).Select(t => t.Key));
        Assert.Equal([anna], (await Store.Teams.GetAsync("email"))!.Members);

        Assert.False(await Store.Teams.SaveAsync(orders with { Name = "Orders and returns", Channels = [], AutoAssign = false }));
        Assert.True(await Store.Teams.SetAutoAssignAsync("email", true));
        Assert.False(await Store.Teams.SetAutoAssignAsync("nobody", true));
        Assert.Equal(TeamMembership.Done, await Store.Teams.SetMemberAsync("orders", anna, false));
        var changed = await Store.Teams.GetAsync("ORDERS");
        Assert.Equal(("Orders and returns", 0, false), (changed!.Name, changed.Channels.Count, changed.AutoAssign));
        Assert.Equal([boris], changed.Members);
        Assert.True((await Store.Teams.GetAsync("email"))!.AutoAssign);

        // An operator account deleted is no member any more.
        Assert.True(await Store.Operators.DeleteAsync(boris));
        Assert.Empty((await Store.Teams.GetAsync("orders"))!.Members);
    }

    [Fact]
    public async Task Rules_are_replaced_as_a_whole_and_refused_when_they_name_a_team_that_is_not_there()
    {
        await Store.Teams.SaveAsync(new Team("fraud-response", "Fraud", [], [], true, []));
        await Store.Teams.SaveAsync(new Team("email", "Email", ["email"], [], true, []));
        RoutingRule[] rules = [new(null, null, null, true, "fraud-response"), new(["email"], ["other"], ["ru"], false, "email")];

        Assert.Empty(await Store.Teams.ReplaceRulesAsync(rules));
        Assert.Equal(rules, await Store.Teams.GetRulesAsync(), RuleComparer.Instance);

        Assert.Equal(["orders"], await Store.Teams.ReplaceRulesAsync([new(null, null, null, null, "email"), new(null, null, null, null, "orders")]));
        Assert.Equal(rules, await Store.Teams.GetRulesAsync(), RuleComparer.Instance);

        Assert.Empty(await Store.Teams.ReplaceRulesAsync([]));
        Assert.Empty(await Store.Teams.GetRulesAsync());
    }

    [Fact]
    public async Task A_team_is_deleted_only_without_open_conversations_or_rules_naming_it()
    {
        var anna = await OperatorAsync("anna");
        await Store.Teams.SaveAsync(new Team("orders", "Orders", [], [], true, []));
        await Store.Teams.SetMemberAsync("orders", anna, true);
        await Store.Teams.ReplaceRulesAsync([new(null, null, null, null, "orders")]);
        var open = Samples.Inbound(Guid.NewGuid(), 1, "t-1");
        await Store.Conversations.CommitAsync(open with { Conversation = open.Conversation with { Team = "orders" } });

        Assert.Equal(TeamDeletion.HasOpenConversations, await Store.Teams.DeleteAsync("orders"));
        var resolved = open.Conversation with { Team = "orders", Status = ConversationStatus.Resolved, LastSequence = 2 };
        await Store.Conversations.CommitAsync(new ConversationCommit(resolved, [new Domain.Live.LiveEvent(resolved.ConversationId, 2, "conversation.changed", Now, resolved, null)]));
        Assert.Equal(TeamDeletion.UsedByRules, await Store.Teams.DeleteAsync("orders"));
        await Store.Teams.ReplaceRulesAsync([]);

        Assert.Equal(TeamDeletion.Deleted, await Store.Teams.DeleteAsync("orders"));
        Assert.Equal(TeamDeletion.NotFound, await Store.Teams.DeleteAsync("orders"));
        Assert.Null(await Store.Teams.GetAsync("orders"));
        await Store.Teams.SaveAsync(new Team("orders", "Orders again", [], [], true, []));
        Assert.Empty((await Store.Teams.GetAsync("orders"))!.Members); // the old memberships went with the team
    }

    [Fact]
    public async Task The_queue_lists_victims_first_then_the_longest_wait_and_filters_by_team()
    {
        // Entered the queue at 10:00, 10:05 and 10:10; the last activity is the other way round.
        var first = await QueuedAsync("orders", enteredAt: 0, lastActivity: 30, priority: 0);
        var second = await QueuedAsync("orders", enteredAt: 5, lastActivity: 20, priority: 0);
        var third = await QueuedAsync(null, enteredAt: 10, lastActivity: 10, priority: 0);
        var victim = await QueuedAsync("fraud-response", enteredAt: 15, lastActivity: 15, priority: 2);
        var unrecorded = await QueuedAsync(null, enteredAt: null, lastActivity: 1, priority: 0); // queued before teams: after the others

        var queue = await Store.Queries.ListConversationsAsync(new ConversationQuery([ConversationStatus.Queued], null, false, 0, 100));
        Assert.Equal([victim, first, second, third, unrecorded], queue.Items.Select(i => i.Conversation.ConversationId));
        Assert.Equal(("orders", Now.AddMinutes(5)), (queue.Items[2].Conversation.Team, queue.Items[2].Conversation.QueuedAt));
        var paged = await Store.Queries.ListConversationsAsync(new ConversationQuery([ConversationStatus.Queued], null, false, 1, 2));
        Assert.Equal([first, second], paged.Items.Select(i => i.Conversation.ConversationId));

        var orders = await Store.Queries.ListConversationsAsync(new ConversationQuery([ConversationStatus.Queued], null, false, 0, 100, "orders"));
        Assert.Equal([first, second], orders.Items.Select(i => i.Conversation.ConversationId));
        var none = await Store.Queries.ListConversationsAsync(new ConversationQuery(null, null, false, 0, 100, ConversationQuery.NoTeam));
        Assert.Equal([third, unrecorded], none.Items.Select(i => i.Conversation.ConversationId)); // other lists: newest activity first
    }

    private async Task<Guid> QueuedAsync(string? team, int? enteredAt, int lastActivity, int priority)
    {
        var id = Guid.NewGuid();
        var commit = Samples.Inbound(id, 1, $"q-{id:N}");
        var at = Now.AddMinutes(lastActivity);
        var handoff = priority == 0 ? null : new HandoffInfo("fraud", null, null, true, true, "victim", priority, at);
        var conversation = commit.Conversation with
        {
            Team = team,
            QueuedAt = enteredAt is { } minutes ? Now.AddMinutes(minutes) : null,
            LastMessageAt = at,
            UpdatedAt = at,
            Handoff = handoff,
        };
        await Store.Conversations.CommitAsync(commit with { Conversation = conversation });
        return id;
    }

    /// <summary>Teams compared by value, their lists by their items.</summary>
    private sealed class TeamComparer : IEqualityComparer<Team?>
    {
        public static readonly TeamComparer Instance = new();

        public bool Equals(Team? x, Team? y) => x is not null && y is not null && (x.Key, x.Name, x.AutoAssign) == (y.Key, y.Name, y.AutoAssign)
            && x.Channels.SequenceEqual(y.Channels) && x.Languages.SequenceEqual(y.Languages) && x.Members.SequenceEqual(y.Members);

        public int GetHashCode(Team? obj) => obj?.Key.GetHashCode(StringComparison.Ordinal) ?? 0;
    }

    /// <summary>Rules compared by value, their lists by their items (null and empty alike).</summary>
    private sealed class RuleComparer : IEqualityComparer<RoutingRule>
    {
        public static readonly RuleComparer Instance = new();

        public bool Equals(RoutingRule? x, RoutingRule? y) => x is not null && y is not null && x.Team == y.Team && x.PossibleVictim == y.PossibleVictim
            && Same(x.Channels, y.Channels) && Same(x.Intents, y.Intents) && Same(x.Languages, y.Languages);

        public int GetHashCode(RoutingRule obj) => obj.Team.GetHashCode(StringComparison.Ordinal);

        private static bool Same(IReadOnlyList<string>? a, IReadOnlyList<string>? b) => (a ?? []).SequenceEqual(b ?? []);
    }
}
