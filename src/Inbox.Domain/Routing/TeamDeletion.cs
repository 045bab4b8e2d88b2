namespace Inbox.Domain.Routing;

/// <summary>What <see cref="ITeamStore.DeleteAsync"/> did.</summary>
public enum TeamDeletion
{
    Deleted,
    NotFound,

    /// <summary>Refused: a conversation that is not resolved is in the team.</summary>
    HasOpenConversations,

    /// <summary>Refused: a routing rule sends conversations to the team.</summary>
    UsedByRules,
}
