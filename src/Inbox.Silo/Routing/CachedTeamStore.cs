using Inbox.Domain;
using Inbox.Domain.Routing;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Routing;

/// <summary>
/// The stored teams and rules (<see cref="ITeamStore"/>) with this node's copy for routing, which reads them for every
/// conversation that enters a queue and on every pass over a team's queue: three reads of the store per new conversation
/// before. Everything else (the API, the reports) reads the store itself.
/// <list type="bullet">
/// <item>Every write through any node names a new version of the teams and rules (<see cref="ITeamsVersionGrain"/>) before
/// it returns; routing asks for the version (one grain call) and reads the store again when its copy was read under
/// another.</item>
/// <item>Should the version grain be out of reach when a write ends, the write stands and routing on other nodes follows
/// it within <see cref="Lifetime"/>, the longest a copy is used.</item>
/// </list>
/// </summary>
public sealed partial class CachedTeamStore(ITeamStore stored, IGrainFactory grains, ILogger<CachedTeamStore> logger) : ITeamStore
{
    /// <summary>The longest routing uses a copy, whatever the version grain says.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private Copy? _copy;

    private ITeamsVersionGrain Version => grains.Reference<ITeamsVersionGrain>(0);

    /// <summary>The teams and rules for routing: this node's copy while the version has not changed since it was read, else read now.</summary>
    public async Task<RoutingTeams> ForRoutingAsync()
    {
        var version = await Version.GetAsync().ConfigureAwait(false);
        var copy = Volatile.Read(ref _copy);
        if (copy is null || copy.Version != version || copy.Reading.IsFaulted || copy.Reading.IsCanceled
            || Environment.TickCount64 - copy.ReadAt > Lifetime.TotalMilliseconds)
        {
            // Read after the version was named: a change that named a newer one meanwhile makes the next call read again.
            copy = new Copy(ReadAsync(), version, Environment.TickCount64);
            Volatile.Write(ref _copy, copy);
        }

        return await copy.Reading.ConfigureAwait(false);
    }

    private async Task<RoutingTeams> ReadAsync()
    {
        var teams = await stored.ListAsync().ConfigureAwait(false);
        var rules = await stored.GetRulesAsync().ConfigureAwait(false);
        return new RoutingTeams(teams, rules);
    }

    /// <summary>After a write (whether or not it changed anything), a new version: every node's routing reads the store again.</summary>
    private async Task<T> ChangedAfter<T>(Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await Version.ChangedAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _copy, null);
                LogVersionNotChanged(ex, Lifetime);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The teams or routing rules changed but their version could not be renewed; other nodes route by the change within {Lifetime}")]
    private partial void LogVersionNotChanged(Exception exception, TimeSpan lifetime);

    public Task<Team?> GetAsync(string key, CancellationToken cancellationToken = default) => stored.GetAsync(key, cancellationToken);

    public Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default) => stored.ListAsync(cancellationToken);

    public Task<IReadOnlyList<RoutingRule>> GetRulesAsync(CancellationToken cancellationToken = default) => stored.GetRulesAsync(cancellationToken);

    public Task<bool> SaveAsync(Team team, CancellationToken cancellationToken = default) => ChangedAfter(stored.SaveAsync(team, cancellationToken));

    public Task<TeamDeletion> DeleteAsync(string key, CancellationToken cancellationToken = default) => ChangedAfter(stored.DeleteAsync(key, cancellationToken));

    public Task<TeamMembership> SetMemberAsync(string key, Guid operatorId, bool member, CancellationToken cancellationToken = default) =>
        ChangedAfter(stored.SetMemberAsync(key, operatorId, member, cancellationToken));

    public Task<bool> SetAutoAssignAsync(string key, bool enabled, CancellationToken cancellationToken = default) =>
        ChangedAfter(stored.SetAutoAssignAsync(key, enabled, cancellationToken));

    public Task<IReadOnlyList<string>> ReplaceRulesAsync(IReadOnlyList<RoutingRule> rules, CancellationToken cancellationToken = default) =>
        ChangedAfter(stored.ReplaceRulesAsync(rules, cancellationToken));

    /// <summary>A read of the teams and rules, the version it was read under, and when it began.</summary>
    private sealed record Copy(Task<RoutingTeams> Reading, Guid Version, long ReadAt);
}
