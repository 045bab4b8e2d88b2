using Inbox.Domain.Conversations;
using Inbox.Domain.Presence;
using Inbox.Domain.Reports;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Silo.Presence;
using Inbox.Web.OperatorApi;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Reports;

/// <summary>
/// Computes the live figures from the store and the presence grains: the queued conversations per team (with "no team"
/// and every team of the directory, when there is one), the operators' presence and load (as GET /api/v1/operators/presence),
/// and the open conversations whose SLA items since they entered the queue name a target not met yet (folded from their events).
/// </summary>
public sealed class LiveReportBuilder(
    IConversationQueries queries,
    IEventHistory history,
    IOperatorStore operators,
    IGrainFactory grains,
    IOptions<RoutingOptions> routing,
    IServiceProvider services,
    TimeProvider clock)
{
    /// <summary>The most open conversations the live figures look at.</summary>
    public const int MaxOpen = 10_000;

    public async Task<LiveReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var page = await queries.ListConversationsAsync(
            new ConversationQuery([ConversationStatus.Queued, ConversationStatus.Assigned], null, false, 0, MaxOpen), cancellationToken);
        var open = page.Items.Select(i => i.Conversation).Where(c => c.MergedInto is null).ToList();
        var fold = EpisodeFold.Of(await history.ReadConversationsAsync(open.Select(c => c.ConversationId).ToList(), cancellationToken));
        var episodes = fold.Open;

        var queued = open.Where(c => c.Status == ConversationStatus.Queued).ToList();
        var teams = new SortedSet<string>(queued.Select(c => c.Team).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        if (services.GetService<ITeamDirectory>() is { } directory)
        {
            teams.UnionWith((await directory.ListAsync(cancellationToken)).Select(t => t.Key));
        }

        var queues = new List<TeamQueueView> { Queue(null, queued.Where(c => c.Team is null), episodes, now) };
        queues.AddRange(teams.Select(team => Queue(team, queued.Where(c => string.Equals(c.Team, team, StringComparison.OrdinalIgnoreCase)), episodes, now)));

        var people = await PresenceEndpoints.ListViewsAsync(operators, queries, grains, routing.Value, cancellationToken);
        var floor = new LiveOperatorsView(
            people.Count(p => p.State == PresenceState.Online),
            people.Count(p => p.State == PresenceState.Away),
            people.Count(p => p.State == PresenceState.Offline),
            people.Sum(p => p.Load),
            people.Sum(p => p.Capacity),
            people);

        var risks = open
            .SelectMany(c => episodes.TryGetValue(c.ConversationId, out var e)
                ? e.OpenSlaRisks().Select(r => new SlaRiskView(c.ConversationId, c.Team, c.AssigneeId, r.Target, r.Breached, r.At, r.DueAt))
                : [])
            .OrderByDescending(r => r.Breached).ThenBy(r => r.DueAt ?? r.At).ToList();
        return new LiveReport(now, queues, floor, risks);
    }

    private static TeamQueueView Queue(string? team, IEnumerable<ConversationSnapshot> queued, IReadOnlyDictionary<Guid, Episode> episodes, DateTimeOffset now)
    {
        var since = queued.Select(c => c.QueuedAt ?? episodes.GetValueOrDefault(c.ConversationId)?.QueuedAt ?? c.UpdatedAt).ToList();
        var oldest = since.Count == 0 ? (DateTimeOffset?)null : since.Min();
        return new TeamQueueView(team, since.Count, oldest, oldest is { } o ? Math.Max(0, Math.Round((now - o).TotalSeconds, 3)) : null);
    }
}
