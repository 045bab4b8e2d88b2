using Dapper;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>The webhook intake's queue, the same SQL on SQLite and PostgreSQL; writes go through the writer (durable when they complete).</summary>
public abstract class SqlWebhookQueueStore(StoreConnections store) : IWebhookQueueStore
{
    public Task<long> AddAsync(string source, string partition, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.ExecuteScalar<long>("""
            INSERT INTO webhook_intake (source, partition, payload, received_at, attempts, dead) VALUES (@source, @partition, @payload, @received, 0, @no)
            RETURNING id
            """, new { source, partition, payload, received = store.Values.Time(receivedAt), no = store.Values.Flag(false) }, transaction), cancellationToken);

    public async Task<IReadOnlyList<WebhookQueueEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection,
            "SELECT id, source, partition, payload, received_at, attempts, last_error, dead FROM webhook_intake ORDER BY id", null,
            r => new WebhookQueueEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ReadTime(r, 4), r.GetInt32(5),
                ReadNullableString(r, 6), ReadFlag(r, 7)), cancellationToken).ConfigureAwait(false);
    }

    public Task RecordFailureAsync(long id, int attempts, string error, bool dead, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE webhook_intake SET attempts = @attempts, last_error = @error, dead = @dead WHERE id = @id",
            new { id, attempts, error, dead = store.Values.Flag(dead) }, transaction), cancellationToken);

    public Task RemoveAsync(long id, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute("DELETE FROM webhook_intake WHERE id = @id", new { id }, transaction), cancellationToken);
}
