using Inbox.Domain.Conversations;
using Inbox.Domain.Live;

namespace Inbox.Domain.Storage;

/// <summary>
/// The append-only message store and the conversation list. <see cref="CommitAsync"/> completes only when the
/// commit is durable; commits from many conversations are written together (group commit).
/// </summary>
public interface IConversationStore
{
    Task<CommitOutcome> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default);

    Task<ConversationSnapshot?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken = default);

    /// <summary>The list, newest activity first; queued conversations handed over with a higher priority (possible victims) come first.</summary>
    Task<ConversationListPage> ListConversationsAsync(ConversationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Conversations in <c>bot</c> status whose newest item is a customer message the bot has not answered (after a crash).</summary>
    Task<IReadOnlyList<(Guid ConversationId, Guid MessageId)>> ListAwaitingBotAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>How many conversations wait in the queue now.</summary>
    Task<int> CountQueuedAsync(CancellationToken cancellationToken = default);

    Task<TimelineMessage?> GetMessageAsync(Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>The timeline, oldest first, up to <paramref name="limit"/> items before the cursor <paramref name="before"/> (null: the newest).</summary>
    /// <exception cref="FormatException">The cursor is not one this store gave out.</exception>
    Task<TimelinePage> GetTimelineAsync(Guid conversationId, string? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>The conversation's events after <paramref name="afterSequence"/>, in order: what a reconnecting console missed.</summary>
    Task<IReadOnlyList<LiveEvent>> GetEventsAsync(Guid conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="max"/> due outbox entries and hides them from other takers for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> LeaseDueOutboxAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Puts an entry back for another attempt at <paramref name="nextAttemptAt"/>.</summary>
    Task RescheduleOutboxAsync(Guid messageId, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry once its delivery reached a final answer (sent or failed).</summary>
    Task CompleteOutboxAsync(Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>The newest inbound message of the conversation on the channel.</summary>
    Task<TimelineMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken = default);

    /// <summary>Finds a message by its channel and provider id: an outbound one for delivery receipts, an inbound one for edits.</summary>
    Task<TimelineMessage?> FindByExternalIdAsync(string channel, string externalId, MessageKind kind, CancellationToken cancellationToken = default);
}
