namespace Inbox.Domain.Storage;

/// <summary>
/// The replies waiting for delivery. Entries are written with the reply's commit (<see cref="ConversationCommit.Outbox"/>);
/// the dispatcher takes them from here.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Takes up to <paramref name="max"/> due outbox entries and hides them from other takers for <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> LeaseDueOutboxAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Puts an entry back for another attempt at <paramref name="nextAttemptAt"/>.</summary>
    Task RescheduleOutboxAsync(Guid messageId, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry once its delivery reached a final answer (sent or failed).</summary>
    Task CompleteOutboxAsync(Guid messageId, CancellationToken cancellationToken = default);
}
