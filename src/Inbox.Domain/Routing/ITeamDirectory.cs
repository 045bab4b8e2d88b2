namespace Inbox.Domain.Routing;

/// <summary>The teams as admins and supervisors defined them, read by routing and by the reports.</summary>
public interface ITeamDirectory
{
    /// <summary>The team with this key (compared ignoring case), or null.</summary>
    Task<Team?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every team, by key.</summary>
    Task<IReadOnlyList<Team>> ListAsync(CancellationToken cancellationToken = default);
}
