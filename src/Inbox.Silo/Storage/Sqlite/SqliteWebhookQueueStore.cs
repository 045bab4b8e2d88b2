using Dapper;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The webhook intake's queue in the embedded SQLite file; writes go through the writer (durable when they complete).</summary>
public sealed class SqliteWebhookQueueStore(SqliteDatabase database, SqliteWriteQueue writer) : IWebhookQueueStore
{
    public Task<long> AddAsync(string source, string partition, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.ExecuteScalar<long>("""
            INSERT INTO webhook_intake (source, partition, payload, received_at, attempts, dead) VALUES (@source, @partition, @payload, @received, 0, 0);
            SELECT last_insert_rowid();
            """, new { source, partition, payload, received = Time(receivedAt) }, transaction), cancellationToken);

    public Task<IReadOnlyList<WebhookQueueEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        IReadOnlyList<WebhookQueueEntry> entries = SqliteReader.Query(connection, null,
            "SELECT id, source, partition, payload, received_at, attempts, last_error, dead FROM webhook_intake ORDER BY id", null,
            r => new WebhookQueueEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTime(r.GetString(4)), r.GetInt32(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7) == 1));
        return Task.FromResult(entries);
    }

    public Task RecordFailureAsync(long id, int attempts, string error, bool dead, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE webhook_intake SET attempts = @attempts, last_error = @error, dead = @dead WHERE id = @id",
            new { id, attempts, error, dead = dead ? 1 : 0 }, transaction), cancellationToken);

    public Task RemoveAsync(long id, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute("DELETE FROM webhook_intake WHERE id = @id", new { id }, transaction), cancellationToken);
}
