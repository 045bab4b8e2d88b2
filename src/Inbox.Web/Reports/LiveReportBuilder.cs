using Inbox.Domain;
using Inbox.Domain.Presence;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Silo.Presence;
using Inbox.Web.OperatorApi;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Reports;

/// <summary>
/// Computes the live figures from the store and the presence grains: the queued conversations per team (with "no team"
/// and every team of the directory, when there is one) counted in the store, the operators' presence and
/// load (as GET /api/v1/operators/presence), and the open conversations whose SLA clock recorded a warning or a breach and
/// still runs. Three reads, and no conversation's history: the queue count reads an index entry per queued conversation
/// (<see cref="IConversationQueries.CountQueuedByTeamAsync"/>), the others only raised clocks and enabled operators.
/// </summary>
public sealed class LiveReportBuilder(
    IConversationQueries queries,
    ISlaStore sla,
    IOperatorStore operators,
    IGrainFactory grains,
    IOptions<RoutingOptions> routing,
    IServiceProvider services,
    TimeProvider clock)
{
    /// <summary>The most conversations at SLA risk the live figures list (breaches first, then by due time).</summary>
    public const int MaxSlaRisks = 1_000;

    public async Task<LiveReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        // Team keys are matched ignoring case, as routing does: "Orders" and "orders" are one queue.
        var byTeam = new Dictionary<string, (int Queued, DateTimeOffset Oldest)>(StringComparer.OrdinalIgnoreCase);
        var noTeam = (Queued: 0, Oldest: (DateTimeOffset?)null);
        foreach (var group in await queries.CountQueuedByTeamAsync(cancellationToken))
        {
            if (group.Team is not { } team)
            {
                noTeam = (noTeam.Queued + group.Queued, Moments.Earlier(noTeam.Oldest, group.OldestQueuedAt));
            }
            else
            {
                byTeam[team] = byTeam.TryGetValue(team, out var seen)
                    ? (seen.Queued + group.Queued, Moments.Earlier(seen.Oldest, group.OldestQueuedAt)!.Value)
                    : (group.Queued, group.OldestQueuedAt);
            }
        }

        var teams = new SortedSet<string>(byTeam.Keys, StringComparer.OrdinalIgnoreCase);
        if (services.GetService<ITeamDirectory>() is { } directory)
        {
            teams.UnionWith((await directory.ListAsync(cancellationToken)).Select(t => t.Key));
        }

        var queues = new List<TeamQueueView> { Queue(null, noTeam.Queued, noTeam.Oldest, now) };
        queues.AddRange(teams.Select(team => byTeam.TryGetValue(team, out var q) ? Queue(team, q.Queued, q.Oldest, now) : Queue(team, 0, null, now)));

        var people = await PresenceEndpoints.ListViewsAsync(operators, queries, grains, routing.Value, cancellationToken);
        var floor = new LiveOperatorsView(
            people.Count(p => p.State == PresenceState.Online),
            people.Count(p => p.State == PresenceState.Away),
            people.Count(p => p.State == PresenceState.Offline),
            people.Sum(p => p.Load),
            people.Sum(p => p.Capacity),
            people);

        var risks = await sla.OpenRisksAsync(MaxSlaRisks, cancellationToken);
        return new LiveReport(now, queues, floor, risks);
    }

    private static TeamQueueView Queue(string? team, int queued, DateTimeOffset? oldest, DateTimeOffset now) =>
        new(team, queued, oldest, oldest is { } o ? Math.Max(0, Math.Round((now - o).TotalSeconds, 3)) : null);
}
