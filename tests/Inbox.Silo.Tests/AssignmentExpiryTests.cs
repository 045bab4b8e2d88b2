using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;

namespace Inbox.Silo.Tests;
/// <summary>Assignments nobody opened in time (5 s here) go back to the queue, and to someone else first.</summary>
[Collection(AcceptTimeoutClusterCollection.Name)]
public sealed class AssignmentExpiryTests(AcceptTimeoutClusterFixture fixture) : RoutingTestBase(fixture)
{
    [Fact]
    public async Task An_assignment_not_opened_in_time_goes_back_to_the_queue_and_to_someone_else_and_an_opened_one_stays()
    {
        var team = NewTeamKey();
        var slow = await NewOperatorAsync(1);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [slow]));
        await ConnectAsync(slow);
        var id = await SeedAsync(team, ConversationStatus.Resolved, 0, Morning);
        var grain = Grains.GetGrain<IConversationGrain>(id);
        await grain.ReopenAsync();
        await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.AssigneeId == slow);

        // A colleague joins; the slow operator never opens it: after 5 s it is the colleague's.
        var quick = await NewOperatorAsync(1);
        await DefineAsync(new Team(team, team, [], [], AutoAssign: true, [slow, quick]));
        await ConnectAsync(quick);
        await WaitForAsync(async () => (await Store.GetConversationAsync(id))!.AssigneeId == quick);
        var actions = (await Queries.GetTimelineAsync(id, null, 50)).Messages
            .Where(m => m.Kind == MessageKind.Event).Select(m => m.Metadata![TimelineActions.Key]).ToList();
        Assert.Equal([TimelineActions.AutoAssign, TimelineActions.AssignmentExpired, TimelineActions.AutoAssign], actions);

        await grain.MarkOpenedAsync(quick);
        await Task.Delay(TimeSpan.FromSeconds(6)); // past the timeout
        var kept = (await Store.GetConversationAsync(id))!;
        Assert.Equal((ConversationStatus.Assigned, quick), (kept.Status, kept.AssigneeId));
        Assert.Null(kept.AwaitingOpenSince);
    }
}
