using Inbox.Domain.Routing;

namespace Inbox.Silo.Routing;

/// <summary>The teams and the routing rules as routing reads them (<see cref="CachedTeamStore.ForRoutingAsync"/>).</summary>
public sealed record RoutingTeams(IReadOnlyList<Team> Teams, IReadOnlyList<RoutingRule> Rules)
{
    /// <summary>The team with this key (compared ignoring case), or null.</summary>
    public Team? Find(string key) => Teams.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
