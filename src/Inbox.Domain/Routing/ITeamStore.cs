namespace Inbox.Domain.Routing;

/// <summary>The teams and the routing rules as stored; supervisors change them through the API.</summary>
public interface ITeamStore : ITeamDirectory
{
    /// <summary>Creates the team, or changes its name, skills and auto-assignment (its members stay). True when it was created.</summary>
    Task<bool> SaveAsync(Team team, CancellationToken cancellationToken = default);

    /// <summary>Deletes the team and its memberships, unless a conversation not resolved is in it or a rule names it.</summary>
    Task<TeamDeletion> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Adds the operator to the team (<paramref name="member"/>) or removes them; nothing when either is unknown.</summary>
    Task<TeamMembership> SetMemberAsync(string key, Guid operatorId, bool member, CancellationToken cancellationToken = default);

    /// <summary>Turns the team's automatic assignment on or off; false when there is no such team.</summary>
    Task<bool> SetAutoAssignAsync(string key, bool enabled, CancellationToken cancellationToken = default);

    /// <summary>The routing rules, in order.</summary>
    Task<IReadOnlyList<RoutingRule>> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces every rule, unless one names a team that is not there: then nothing changes and those keys are returned.</summary>
    Task<IReadOnlyList<string>> ReplaceRulesAsync(IReadOnlyList<RoutingRule> rules, CancellationToken cancellationToken = default);
}
