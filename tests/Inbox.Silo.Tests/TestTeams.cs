using System.Collections.Concurrent;
using Inbox.Domain.Routing;

namespace Inbox.Silo.Tests;

/// <summary>
/// The teams routing reads in these grain tests, shared by every silo of the in-process cluster. Each test defines teams
/// of its own (unique keys), so tests never see each other's.
/// </summary>
public sealed class TestTeams : ITeamDirectory
{
    private static readonly ConcurrentDictionary<string, Team> Teams = new(StringComparer.OrdinalIgnoreCase);

    public static void Define(Team team) => Teams[team.Key] = team;

    public Task<Team?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Teams.TryGetValue(key, out var team) ? team : null);

    public Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Team>>(Teams.Values.OrderBy(t => t.Key, StringComparer.Ordinal).ToList());
}
