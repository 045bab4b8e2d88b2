using Dapper;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>
/// The outbox, the same SQL on SQLite and PostgreSQL but for taking due entries (<see cref="LeaseDueOutboxAsync"/>), which each provider
/// makes safe its own way. Entries come in with a reply's commit (<see cref="SqlConversationStore.InsertOutbox"/>); leases and answers go through the writer.
/// </summary>
public abstract class SqlOutboxStore(IGroupCommit writer, StoreValues values) : IOutboxStore
{
    public abstract Task<IReadOnlyList<OutboxEntry>> LeaseDueOutboxAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    public Task RescheduleOutboxAsync(Guid messageId, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE outbox SET attempts = @attempts, next_attempt_ticks = @next, lease_until_ticks = 0, last_error = @error WHERE message_id = @id",
            new { attempts, next = values.Ticks(nextAttemptAt), error = lastError, id = values.Id(messageId) }, transaction), cancellationToken);

    public Task CompleteOutboxAsync(Guid messageId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM outbox WHERE message_id = @id", new { id = values.Id(messageId) }, transaction), cancellationToken);
}
