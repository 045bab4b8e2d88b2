using System.Data.Common;
using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage;

/// <summary>
/// The idempotency keys of operators' replies and notes, the same SQL on SQLite and PostgreSQL. A key is written in the commit
/// of the item it made; the primary key (conversation, operator, key) decides between two commits racing with one key.
/// </summary>
internal static class SqlIdempotencyKeys
{
    private const string Columns = "conversation_id, operator_id, idem_key, fingerprint, message_id, created_ticks";

    /// <summary>
    /// Stores the key inside a commit's transaction, after dropping the conversation's expired keys; the item stored before
    /// under the same key when it was stored before (the commit is then a duplicate).
    /// </summary>
    public static (bool Claimed, TimelineMessage? First) Claim(StoreStatements statements, StoreValues values, IdempotencyRecord record)
    {
        var conversation = values.Id(record.ConversationId);
        statements.Execute("DELETE FROM idempotency_keys WHERE conversation_id = @conversation AND created_ticks < @expired",
            new { conversation, expired = values.Ticks(record.ExpiredBefore) });
        if (statements.Expect($"""
            INSERT INTO idempotency_keys ({Columns}) VALUES (@conversation, @operatorId, @key, @fingerprint, @message, @ticks)
            ON CONFLICT (conversation_id, operator_id, idem_key) DO NOTHING
            """, new
            {
                conversation,
                operatorId = values.Id(record.OperatorId),
                key = record.Key,
                fingerprint = record.Fingerprint,
                message = values.Id(record.MessageId),
                ticks = values.Ticks(record.CreatedAt),
            }))
        {
            return (true, null);
        }

        return (false, statements.Query($"""
            SELECT {MessageColumns} FROM messages WHERE message_id = (SELECT message_id FROM idempotency_keys
                WHERE conversation_id = @conversation AND operator_id = @operatorId AND idem_key = @key)
            """, new { conversation, operatorId = values.Id(record.OperatorId), key = record.Key }, ReadMessage).FirstOrDefault());
    }

    public static async Task<IdempotencyRecord?> FindAsync(DbConnection connection, StoreValues values, Guid conversationId, Guid operatorId, string key,
        DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        var rows = await StoreReader.QueryAsync(connection, $"""
            SELECT {Columns} FROM idempotency_keys
            WHERE conversation_id = @conversation AND operator_id = @operatorId AND idem_key = @key AND created_ticks >= @notBefore
            """, new { conversation = values.Id(conversationId), operatorId = values.Id(operatorId), key, notBefore = values.Ticks(notBefore) },
            r => new IdempotencyRecord(StoreReader.ReadGuid(r, 0), StoreReader.ReadGuid(r, 1), r.GetString(2), r.GetString(3), StoreReader.ReadGuid(r, 4),
                new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero), notBefore), cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }
}
