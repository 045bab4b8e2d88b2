using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>
/// How far each operator has read each conversation (the sequence of the last event they saw in it), so that the console
/// counts the customer's messages after that point as unread, the same in every browser of the operator.
/// </summary>
public interface IReadMarkerStore
{
    /// <summary>Moves the operator's marker in the conversation up to <paramref name="sequence"/> (never back).</summary>
    Task MarkReadAsync(Guid operatorId, Guid conversationId, long sequence, CancellationToken cancellationToken = default);

    /// <summary>The unread customer messages of each of these conversations for the operator (conversations without messages count 0).</summary>
    Task<IReadOnlyList<UnreadCount>> CountAsync(Guid operatorId, IReadOnlyList<Guid> conversationIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// The operator's unread customer messages in the conversations waiting for them: the queue (unassigned and queued) and
    /// their own queued or assigned conversations.
    /// </summary>
    Task<int> TotalAsync(Guid operatorId, CancellationToken cancellationToken = default);
}
