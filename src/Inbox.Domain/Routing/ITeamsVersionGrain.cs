namespace Inbox.Domain.Routing;

/// <summary>
/// The version of the teams and routing rules (key 0): a new one after every change, and after every activation. Each
/// node keeps a copy of the teams and rules for routing and uses it while it was read under the version this grain names
/// now, so a change made through any node routes the next conversation on every node.
/// </summary>
[Alias("Inbox.ITeamsVersionGrain")]
public interface ITeamsVersionGrain : IGrainWithIntegerKey
{
    /// <summary>The current version.</summary>
    [Alias("Get")]
    Task<Guid> GetAsync();

    /// <summary>The teams or rules changed: a new version, returned.</summary>
    [Alias("Changed")]
    Task<Guid> ChangedAsync();
}
