using Inbox.Domain.Routing;

namespace Inbox.Silo.Routing;

/// <summary>Chooses the team of a conversation entering the queue; the conversation grain asks it, knowing no store.</summary>
public interface IConversationRouter
{
    /// <summary>
    /// The key of the team by the rules and the teams' skills, or null (no team). A fact left null is looked up where it can be:
    /// the language from the conversation's latest inbound message on <paramref name="facts"/>' channel.
    /// Never throws for a store that cannot be read: the conversation then has no team (and a warning is logged).
    /// </summary>
    Task<string?> ChooseTeamAsync(Guid conversationId, RoutingFacts facts);
}
