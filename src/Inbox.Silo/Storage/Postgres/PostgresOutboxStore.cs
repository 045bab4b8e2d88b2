using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The outbox on PostgreSQL (<see cref="SqlOutboxStore"/>). Several nodes take due entries at once: one UPDATE takes the due rows
/// <c>FOR UPDATE SKIP LOCKED</c> and sets their lease, so rows another node is taking are passed over and no entry is taken twice.
/// </summary>
public sealed class PostgresOutboxStore(PostgresWriteQueue writer) : SqlOutboxStore(writer, PostgresValues.Instance)
{
    private static readonly string LeaseSql = $"""
        UPDATE outbox SET lease_until_ticks = @until
        WHERE message_id IN (
            SELECT message_id FROM outbox WHERE next_attempt_ticks <= @now AND lease_until_ticks <= @now
            ORDER BY next_attempt_ticks LIMIT @max FOR UPDATE SKIP LOCKED)
        RETURNING {OutboxColumns}
        """;

    public override Task<IReadOnlyList<OutboxEntry>> LeaseDueOutboxAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        writer.WriteAsync<IReadOnlyList<OutboxEntry>>((connection, transaction) =>
        {
            var values = PostgresValues.Instance;
            var due = StoreReader.Query(connection, transaction, LeaseSql,
                new { now = values.Ticks(now), until = values.Ticks(now + lease), max }, ReadOutbox);
            return [.. due.OrderBy(e => e.NextAttemptAt).ThenBy(e => e.MessageId)];
        }, cancellationToken);
}
