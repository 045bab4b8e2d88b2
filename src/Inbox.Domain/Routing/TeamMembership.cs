namespace Inbox.Domain.Routing;

/// <summary>What <see cref="ITeamStore.SetMemberAsync"/> did.</summary>
public enum TeamMembership
{
    Done,
    TeamNotFound,
    OperatorNotFound,
}
