using Inbox.Domain.Routing;

namespace Inbox.Silo.Routing;

/// <summary>
/// Keeps the version in memory only: an activation starts with a version no copy was read under, so after a restart or a
/// move every node reads the teams and rules again.
/// </summary>
public sealed class TeamsVersionGrain : Grain, ITeamsVersionGrain
{
    private Guid _version = Guid.NewGuid();

    public Task<Guid> GetAsync() => Task.FromResult(_version);

    public Task<Guid> ChangedAsync()
    {
        _version = Guid.NewGuid();
        return Task.FromResult(_version);
    }
}
