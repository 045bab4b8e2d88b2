using Inbox.Domain.Conversations;
using Inbox.Domain.Live;

namespace Inbox.Domain.Storage;

/// <summary>The read side of the message store: the conversation list, timelines and events for the API and the hub, and the bot's look-ups.</summary>
public interface IConversationQueries
{
    /// <summary>The list, newest activity first; queued conversations handed over with a higher priority (possible victims) come first.</summary>
    Task<ConversationListPage> ListConversationsAsync(ConversationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Conversations in <c>bot</c> status whose newest item is a customer message the bot has not answered (after a crash).</summary>
    Task<IReadOnlyList<(Guid ConversationId, Guid MessageId)>> ListAwaitingBotAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>The conversations waiting in the queue now, counted by handoff priority: the place a handoff now would take.</summary>
    Task<QueueCounts> CountQueuedAsync(CancellationToken cancellationToken = default);

    /// <summary>The conversations waiting in the queue now, counted by team with the oldest entry time (the live figures).</summary>
    Task<IReadOnlyList<QueuedTeam>> CountQueuedByTeamAsync(CancellationToken cancellationToken = default);

    /// <summary>The timeline, oldest first, up to <paramref name="limit"/> items before the cursor <paramref name="before"/> (null: the newest).</summary>
    /// <exception cref="FormatException">The cursor is not one this store gave out.</exception>
    Task<TimelinePage> GetTimelineAsync(Guid conversationId, string? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>The conversation's events after <paramref name="afterSequence"/>, in order: what a reconnecting console missed.</summary>
    Task<IReadOnlyList<LiveEvent>> GetEventsAsync(Guid conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The conversations assigned to the operator (status <c>assigned</c>) whose newest message or reply is the customer's, in the
    /// queue's order (the handoff's priority first, then the newest activity, as <see cref="ListConversationsAsync"/>).
    /// </summary>
    Task<IReadOnlyList<ConversationSnapshot>> ListUnansweredAsync(Guid assigneeId, CancellationToken cancellationToken = default);

    /// <summary>How many conversations each operator has assigned now (status <c>assigned</c>): their load.</summary>
    Task<IReadOnlyDictionary<Guid, int>> CountAssignedAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest inbound message of the conversation on the channel.</summary>
    Task<TimelineMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken = default);
}
