using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Operators;
using Inbox.Domain.Presence;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// Automatic assignment on three silos: each test makes a team of its own with operators of its own, puts conversations in
/// the team's queue through the store and the conversation grains, and waits (with a deadline) for what routing does.
/// </summary>
[Collection(RoutingClusterCollection.Name)]
public sealed class AutomaticAssignmentTests(RoutingClusterFixture fixture) : RoutingTestBase(fixture)
{
    [Fact]
    public async Task Concurrent_entries_through_three_silos_give_each_conversation_to_one_operator_within_capacity()
    {
        var team = NewTeamKey();
        var operators = new[] { await NewOperatorAsync(2), await NewOperatorAsync(3), await NewOperatorAsync(4) };
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, operators));
        await Task.WhenAll(operators.Select(o => ConnectAsync(o)));
        var conversations = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            conversations.Add(await SeedAsync(team, ConversationStatus.Resolved, priority: i % 5 == 0 ? 2 : 0, queuedAt: Morning.AddMinutes(i)));
        }

        // Forty customers write again at once: each conversation re-enters the team's queue from its grain, wherever it lives.
        await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (id, _) => await Grains.GetGrain<IConversationGrain>(id).ReopenAsync());

        await WaitForAsync(async () => (await SnapshotsAsync(conversations)).Count(c => c.Status == ConversationStatus.Assigned) == 9);
        await Task.Delay(TimeSpan.FromSeconds(1)); // more sweeps: nothing else may be assigned
        var after = await SnapshotsAsync(conversations);
        var assigned = after.Where(c => c.Status == ConversationStatus.Assigned).ToList();
        Assert.Equal(9, assigned.Count);
        Assert.Equal(2, assigned.Count(c => c.AssigneeId == operators[0]));
        Assert.Equal(3, assigned.Count(c => c.AssigneeId == operators[1]));
        Assert.Equal(4, assigned.Count(c => c.AssigneeId == operators[2]));
        foreach (var id in conversations)
        {
            var routed = await AutoAssignmentsAsync(id);
            var snapshot = after.Single(c => c.ConversationId == id);
            if (snapshot.Status == ConversationStatus.Assigned)
            {
                Assert.Equal(snapshot.AssigneeId.ToString(), Assert.Single(routed)["assigneeId"]); // given once, to the operator who has it
            }
            else
            {
                Assert.Empty(routed);
                Assert.Equal(ConversationStatus.Queued, snapshot.Status);
            }
        }
    }

    [Fact]
    public async Task A_full_queue_goes_to_operators_coming_online_victims_first_then_the_longest_wait()
    {
        var team = NewTeamKey();
        var first = await NewOperatorAsync(2);
        var second = await NewOperatorAsync(3);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [first, second]));
        // In the queue before anyone is online: normal ones that waited longest, fraud reports, and possible victims who wrote last.
        var normal = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            normal.Add(await SeedAsync(team, ConversationStatus.Queued, priority: 0, queuedAt: Morning.AddMinutes(i)));
        }

        var high = await SeedAsync(team, ConversationStatus.Queued, priority: 1, queuedAt: Morning.AddMinutes(30));
        var victimLater = await SeedAsync(team, ConversationStatus.Queued, priority: 2, queuedAt: Morning.AddMinutes(50));
        var victimEarlier = await SeedAsync(team, ConversationStatus.Queued, priority: 2, queuedAt: Morning.AddMinutes(40));
        var all = normal.Append(high).Append(victimLater).Append(victimEarlier).ToList();

        await Task.WhenAll(ConnectAsync(first), ConnectAsync(second));

        // Room for five: both victims, the fraud report, then the two normal ones that waited longest.
        await WaitForAsync(async () => (await SnapshotsAsync(all)).Count(c => c.Status == ConversationStatus.Assigned) == 5);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var assigned = (await SnapshotsAsync(all)).Where(c => c.Status == ConversationStatus.Assigned).Select(c => c.ConversationId).ToHashSet();
        Assert.Equal(new HashSet<Guid> { victimEarlier, victimLater, high, normal[0], normal[1] }, assigned);
    }

    [Fact]
    public async Task The_least_loaded_operator_gets_the_next_conversation_and_round_robin_breaks_ties()
    {
        var team = NewTeamKey();
        var busy = await NewOperatorAsync(5);
        var idle = await NewOperatorAsync(5);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [busy, idle]));
        await Task.WhenAll(ConnectAsync(busy), ConnectAsync(idle));
        for (var i = 0; i < 2; i++)
        {
            var taken = await SeedAsync(team, ConversationStatus.Queued, 0, Morning);
            await Grains.GetGrain<IConversationGrain>(taken).AssignAsync(busy); // by hand: routing's offers may race it
            await WaitForAsync(async () => (await Store.GetConversationAsync(taken))!.AssigneeId == busy);
        }

        var receivers = new List<Guid?>();
        for (var i = 0; i < 4; i++)
        {
            var id = await SeedAsync(team, ConversationStatus.Resolved, 0, Morning.AddMinutes(i));
            await Grains.GetGrain<IConversationGrain>(id).ReopenAsync();
            await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.Status == ConversationStatus.Assigned);
            receivers.Add((await Store.GetConversationAsync(id))!.AssigneeId);
        }

        // busy has 2, idle 0: idle, idle (2 and 2: idle was assigned last, so busy), then idle again (3 against 3, busy last).
        Assert.Equal(new Guid?[] { idle, idle, busy, idle }, receivers);
    }

    [Fact]
    public async Task Away_and_offline_operators_get_nothing_until_they_are_available()
    {
        var team = NewTeamKey();
        var operatorId = await NewOperatorAsync(3);
        var offline = await NewOperatorAsync(3);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [operatorId, offline]));
        var presence = Grains.GetGrain<IOperatorPresenceGrain>(operatorId);
        await presence.ConnectAsync("node-a", Guid.NewGuid().ToString());
        await presence.SetAwayAsync(true);
        var id = await SeedAsync(team, ConversationStatus.Resolved, 0, Morning);
        await Grains.GetGrain<IConversationGrain>(id).ReopenAsync();

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // several sweeps
        Assert.Equal(ConversationStatus.Queued, (await Store.GetConversationAsync(id))!.Status);

        await presence.SetAwayAsync(false);
        await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.AssigneeId == operatorId);
    }

    [Fact]
    public async Task A_team_with_automatic_assignment_off_keeps_its_queue_until_it_is_on_again()
    {
        var team = NewTeamKey();
        var operatorId = await NewOperatorAsync(3);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: false, [operatorId]));
        await ConnectAsync(operatorId);
        var id = await SeedAsync(team, ConversationStatus.Resolved, 0, Morning);
        await Grains.GetGrain<IConversationGrain>(id).ReopenAsync();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(ConversationStatus.Queued, (await Store.GetConversationAsync(id))!.Status);

        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [operatorId])); // the sweep finds it on
        await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.AssigneeId == operatorId);
    }

    [Fact]
    public async Task An_operator_in_two_teams_never_gets_more_than_their_capacity()
    {
        var orders = NewTeamKey();
        var email = NewTeamKey();
        var shared = await NewOperatorAsync(2);
        await DefineAsync(new Team(orders, orders, [], [], AutoAssign: true, [shared]));
        await DefineAsync(new Team(email, email, [], [], AutoAssign: true, [shared]));
        await ConnectAsync(shared);
        var conversations = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            conversations.Add(await SeedAsync(i % 2 == 0 ? orders : email, ConversationStatus.Resolved, 0, Morning.AddMinutes(i)));
        }

        await Parallel.ForEachAsync(conversations, async (id, _) => await Grains.GetGrain<IConversationGrain>(id).ReopenAsync());

        await WaitForAsync(async () => (await SnapshotsAsync(conversations)).Count(c => c.AssigneeId == shared) == 2);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await SnapshotsAsync(conversations)).Count(c => c.AssigneeId == shared));
    }

    [Fact]
    public async Task The_work_of_an_operator_who_went_offline_goes_to_a_colleague_who_is_online()
    {
        var team = NewTeamKey();
        var leaving = await NewOperatorAsync(1);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [leaving]));
        var connection = Guid.NewGuid().ToString();
        await Grains.GetGrain<IOperatorPresenceGrain>(leaving).ConnectAsync("node-a", connection);
        var id = await SeedAsync(team, ConversationStatus.Resolved, 0, Morning);
        var grain = Grains.GetGrain<IConversationGrain>(id);
        await grain.ReopenAsync();
        await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.AssigneeId == leaving);
        await grain.MarkOpenedAsync(leaving);

        var staying = await NewOperatorAsync(1);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [leaving, staying]));
        await ConnectAsync(staying);
        await Grains.GetGrain<IOperatorPresenceGrain>(leaving).DisconnectAsync(connection);

        // Offline after the 1 s grace: the customer's unanswered conversation is requeued, then routed to the colleague.
        await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.AssigneeId == staying);
    }

    [Fact]
    public async Task A_burst_entering_the_queue_while_nobody_has_room_does_not_ask_each_members_presence_for_each_conversation()
    {
        var team = NewTeamKey();
        var (night, late) = (await NewOperatorAsync(3), await NewOperatorAsync(3));
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [night, late]));
        var conversations = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            conversations.Add(await SeedAsync(team, ConversationStatus.Resolved, 0, Morning.AddMinutes(i)));
        }

        var asked = PresenceQuestions(night, late);
        var started = DateTime.UtcNow;
        foreach (var id in conversations)
        {
            await Grains.GetGrain<IConversationGrain>(id).ReopenAsync(); // each enters the queue, one after another
        }

        await WaitForAsync(async () => (await SnapshotsAsync(conversations)).All(c => c.Status == ConversationStatus.Queued));
        var seconds = (DateTime.UtcNow - started).TotalSeconds;

        // A pass asks both members. Passes come from the sweep (every 0.3 s), at most one a second from the entries while
        // nobody has room, and a few at the edges; one pass per entry would be 60 passes.
        var passes = (PresenceQuestions(night, late) - asked) / 2.0;
        Assert.True(passes <= seconds / 0.3 + seconds + 4, $"{passes} passes in {seconds:0.0} s for 60 entries");

        // Nothing is lost by the passes not made: an operator who comes online gets the queue's first three.
        await ConnectAsync(night);
        await WaitForAsync(async () => (await SnapshotsAsync(conversations)).Count(c => c.AssigneeId == night) == 3);
    }

    /// <summary>How often the operators' presence grains were asked for their state, on all three silos.</summary>
    private int PresenceQuestions(params Guid[] operators) =>
        fixture.Cluster.Silos.Cast<Orleans.TestingHost.InProcessSiloHandle>()
            .Select(silo => silo.SiloHost!.Services.GetRequiredService<GrainCallCounter>())
            .Sum(counter => operators.Sum(o => counter.Count(Grains.GetGrain<IOperatorPresenceGrain>(o).GetGrainId(), nameof(IOperatorPresenceGrain.GetAsync))));
}
