using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>
/// The write side of the message store: what a conversation grain commits and the lookups it (and the inbound side,
/// to route a receipt, an edit or a retry to the right grain) decides by. <see cref="CommitAsync"/> completes only when
/// the commit is durable; commits from many conversations are written together (group commit).
/// </summary>
public interface IConversationStore
{
    Task<CommitOutcome> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default);

    Task<ConversationSnapshot?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken = default);

    Task<TimelineMessage?> GetMessageAsync(Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Finds a message by its channel and provider id: an outbound one for delivery receipts, an inbound one for edits.</summary>
    Task<TimelineMessage?> FindByExternalIdAsync(string channel, string externalId, MessageKind kind, CancellationToken cancellationToken = default);

    /// <summary>The key an operator used in a conversation, if stored and created at or after <paramref name="notBefore"/>.</summary>
    Task<IdempotencyRecord?> FindIdempotencyAsync(Guid conversationId, Guid operatorId, string key, DateTimeOffset notBefore,
        CancellationToken cancellationToken = default);
}
