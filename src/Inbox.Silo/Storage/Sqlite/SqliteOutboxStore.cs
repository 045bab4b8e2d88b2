using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The outbox in the embedded SQLite file (<see cref="SqlOutboxStore"/>). Taking due entries is a read and an update in one write of
/// the single writer, so no two takers ever get the same entry.
/// </summary>
public sealed class SqliteOutboxStore(SqliteWriteQueue writer) : SqlOutboxStore(writer, SqliteValues.Instance)
{
    public override Task<IReadOnlyList<OutboxEntry>> LeaseDueOutboxAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        writer.WriteAsync<IReadOnlyList<OutboxEntry>>((connection, transaction) =>
        {
            var due = SqliteReader.Query(connection, transaction,
                $"SELECT {OutboxColumns} FROM outbox WHERE next_attempt_ticks <= @now AND lease_until_ticks <= @now ORDER BY next_attempt_ticks LIMIT @max",
                new { now = now.UtcTicks, max }, ReadOutbox);
            foreach (var entry in due)
            {
                Dapper.SqlMapper.Execute(connection, "UPDATE outbox SET lease_until_ticks = @until WHERE message_id = @id",
                    new { until = (now + lease).UtcTicks, id = SqliteRows.Id(entry.MessageId) }, transaction);
            }

            return due;
        }, cancellationToken);
}
