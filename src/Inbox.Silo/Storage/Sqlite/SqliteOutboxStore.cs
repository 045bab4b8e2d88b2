using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Microsoft.Data.Sqlite;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The outbox in the embedded SQLite file. Entries come in with a reply's commit (<see cref="Insert"/>); leases and answers go through the writer.</summary>
public sealed class SqliteOutboxStore(SqliteWriteQueue writer) : IOutboxStore
{
    /// <summary>Adds an entry, due at once, inside a commit's transaction.</summary>
    internal static void Insert(SqliteConnection connection, SqliteTransaction transaction, OutboxEntry o) =>
        connection.Execute("""
            INSERT INTO outbox (message_id, conversation_id, channel, recipient, text, attempts, next_attempt_ticks, lease_until_ticks, created_at, attachments, automated)
            VALUES (@id, @conversation, @channel, @recipient, @text, @attempts, @next, 0, @created, @attachments, @automated)
            """,
            new
            {
                id = Id(o.MessageId),
                conversation = Id(o.ConversationId),
                channel = o.Channel,
                recipient = o.Recipient,
                text = o.Text,
                attempts = o.Attempts,
                next = o.NextAttemptAt.UtcTicks,
                created = Time(o.CreatedAt),
                attachments = o.Attachments is { Count: > 0 } ? JsonSerializer.Serialize(o.Attachments, InboxJson.Options) : null,
                automated = o.Automated ? 1 : 0,
            }, transaction);

    public Task<IReadOnlyList<OutboxEntry>> LeaseDueOutboxAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        writer.WriteAsync<IReadOnlyList<OutboxEntry>>((connection, transaction) =>
        {
            var due = SqliteReader.Query(connection, transaction, """
                SELECT message_id, conversation_id, channel, recipient, text, attempts, next_attempt_ticks, created_at, attachments, automated FROM outbox
                WHERE next_attempt_ticks <= @now AND lease_until_ticks <= @now ORDER BY next_attempt_ticks LIMIT @max
                """,
                new { now = now.UtcTicks, max },
                r => new OutboxEntry(Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.GetInt32(5), new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero), ParseTime(r.GetString(7)),
                    r.IsDBNull(8) ? null : JsonSerializer.Deserialize<List<AttachmentInfo>>(r.GetString(8), InboxJson.Options),
                    r.GetInt32(9) == 1));
            foreach (var entry in due)
            {
                connection.Execute("UPDATE outbox SET lease_until_ticks = @until WHERE message_id = @id",
                    new { until = (now + lease).UtcTicks, id = Id(entry.MessageId) }, transaction);
            }

            return due;
        }, cancellationToken);

    public Task RescheduleOutboxAsync(Guid messageId, int attempts, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "UPDATE outbox SET attempts = @attempts, next_attempt_ticks = @next, lease_until_ticks = 0, last_error = @error WHERE message_id = @id",
            new { attempts, next = nextAttemptAt.UtcTicks, error = lastError, id = Id(messageId) }, transaction), cancellationToken);

    public Task CompleteOutboxAsync(Guid messageId, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "DELETE FROM outbox WHERE message_id = @id", new { id = Id(messageId) }, transaction), cancellationToken);
}
