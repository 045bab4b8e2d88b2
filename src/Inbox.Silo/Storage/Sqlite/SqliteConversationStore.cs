using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Microsoft.Data.Sqlite;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The write side of the message store in the embedded SQLite file: each commit is one step of the group-commit writer.</summary>
public sealed class SqliteConversationStore(SqliteDatabase database, SqliteWriteQueue writer) : IConversationStore
{
    public Task<CommitOutcome> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => Commit(connection, transaction, commit), cancellationToken);

    public Task<ConversationSnapshot?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null, $"SELECT {ConversationColumns} FROM conversations WHERE conversation_id = @id",
            new { id = Id(conversationId) }, ReadConversation);
        return Task.FromResult(rows.FirstOrDefault());
    }

    public Task<TimelineMessage?> GetMessageAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null, $"SELECT {MessageColumns} FROM messages WHERE message_id = @id", new { id = Id(messageId) }, ReadMessage);
        return Task.FromResult(rows.FirstOrDefault());
    }

    public Task<TimelineMessage?> FindByExternalIdAsync(string channel, string externalId, MessageKind kind, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null, $"SELECT {MessageColumns} FROM messages WHERE channel = @channel AND external_id = @externalId AND kind = @kind LIMIT 1",
            new { channel, externalId, kind = (int)kind }, ReadMessage);
        return Task.FromResult(rows.FirstOrDefault());
    }

    private static CommitOutcome Commit(SqliteConnection connection, SqliteTransaction transaction, ConversationCommit commit)
    {
        if (FindDuplicate(connection, transaction, commit.NewMessage) is { } existing)
        {
            return new CommitOutcome(true, existing);
        }

        UpsertConversation(connection, transaction, commit.Conversation);
        InsertEvents(connection, transaction, commit.Events);
        if (commit.NewMessage is { } message)
        {
            InsertMessage(connection, transaction, message);
        }

        if (commit.ChangedMessage is { } changed)
        {
            UpdateMessage(connection, transaction, changed);
        }

        if (commit.Outbox is { } entry)
        {
            SqliteOutboxStore.Insert(connection, transaction, entry);
        }

        if (commit.Move is { } move)
        {
            MoveTimeline(connection, transaction, move);
        }

        if (commit.Cursor is { } cursor)
        {
            SqliteCursorStore.Set(connection, transaction, cursor.Key, cursor.Value);
        }

        return CommitOutcome.Committed;
    }

    /// <summary>The inbound message stored before under the same channel and external id, if any: a retried delivery.</summary>
    private static TimelineMessage? FindDuplicate(SqliteConnection connection, SqliteTransaction transaction, TimelineMessage? message)
    {
        if (message is not { Kind: MessageKind.Inbound, ExternalId: not null })
        {
            return null;
        }

        return SqliteReader.Query(connection, transaction,
            $"SELECT {MessageColumns} FROM messages WHERE channel = @channel AND external_id = @externalId AND kind = 0",
            new { channel = message.Channel, externalId = message.ExternalId }, ReadMessage).FirstOrDefault();
    }

    private static void UpsertConversation(SqliteConnection connection, SqliteTransaction transaction, ConversationSnapshot c) =>
        connection.Execute("""
            INSERT INTO conversations (conversation_id, customer_id, status, assignee_id, last_sequence, last_message_at, last_inbound_channel,
                last_inbound_identity, last_preview, created_at, updated_at, activity_ticks, merged_into, labels, handoff, bot_memory, queue_priority)
            VALUES (@id, @customer, @status, @assignee, @seq, @lastAt, @channel, @identity, @preview, @created, @updated, @ticks, @mergedInto, @labels,
                @handoff, @botMemory, @queuePriority)
            ON CONFLICT (conversation_id) DO UPDATE SET status = excluded.status, assignee_id = excluded.assignee_id,
                last_sequence = excluded.last_sequence, last_message_at = excluded.last_message_at,
                last_inbound_channel = excluded.last_inbound_channel, last_inbound_identity = excluded.last_inbound_identity,
                last_preview = excluded.last_preview, updated_at = excluded.updated_at, activity_ticks = excluded.activity_ticks,
                merged_into = excluded.merged_into, labels = excluded.labels, handoff = excluded.handoff, bot_memory = excluded.bot_memory,
                queue_priority = excluded.queue_priority
            """,
            new
            {
                id = Id(c.ConversationId),
                customer = Id(c.CustomerId),
                status = (int)c.Status,
                assignee = Id(c.AssigneeId),
                seq = c.LastSequence,
                lastAt = Time(c.LastMessageAt),
                channel = c.LastInboundChannel,
                identity = c.LastInboundIdentity,
                preview = c.LastMessagePreview,
                created = Time(c.CreatedAt),
                updated = Time(c.UpdatedAt),
                ticks = (c.LastMessageAt ?? c.UpdatedAt).UtcTicks,
                mergedInto = Id(c.MergedInto),
                labels = c.Labels is { Count: > 0 } ? JsonSerializer.Serialize(c.Labels, InboxJson.Options) : null,
                handoff = c.Handoff is null ? null : JsonSerializer.Serialize(c.Handoff, InboxJson.Options),
                botMemory = c.BotMemory,
                queuePriority = c.Status == ConversationStatus.Queued ? c.Handoff?.Priority ?? 0 : 0,
            }, transaction);

    private static void InsertEvents(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<LiveEvent> events)
    {
        foreach (var e in events)
        {
            connection.Execute(
                "INSERT INTO events (conversation_id, sequence, type, occurred_at, payload) VALUES (@id, @seq, @type, @at, @payload)",
                new { id = Id(e.ConversationId), seq = e.Sequence, type = e.Type, at = Time(e.OccurredAt), payload = JsonSerializer.Serialize(e, InboxJson.Options) },
                transaction);
        }
    }

    private static void InsertMessage(SqliteConnection connection, SqliteTransaction transaction, TimelineMessage message) =>
        connection.Execute($"INSERT INTO messages ({MessageColumns}, created_ticks) VALUES (@id, @conversation, @seq, @kind, @channel, @identity, @externalId, @text, @operatorId, @author, @delivery, @error, @created, @updated, @attachments, @edited, @call, @metadata, @automated, @botDecision, @ticks)",
            MessageParameters(message), transaction);

    private static void UpdateMessage(SqliteConnection connection, SqliteTransaction transaction, TimelineMessage changed) =>
        connection.Execute("""
            UPDATE messages SET delivery = @delivery, delivery_error = @error, external_id = @externalId, updated_at = @updated,
                text = @text, edited_at = @edited, call_info = @call, bot_decision = @botDecision
            WHERE message_id = @id
            """, MessageParameters(changed), transaction);

    private static void MoveTimeline(SqliteConnection connection, SqliteTransaction transaction, TimelineMove move)
    {
        var (from, to) = (Id(move.From), Id(move.To));
        if (!move.Back)
        {
            connection.Execute("UPDATE messages SET conversation_id = @to, origin_conversation_id = COALESCE(origin_conversation_id, @from) WHERE conversation_id = @from",
                new { from, to }, transaction);
            connection.Execute("UPDATE outbox SET conversation_id = @to WHERE conversation_id = @from", new { from, to }, transaction);
            return;
        }

        // Unmerge: the items that came from the other conversation go back (and stop remembering they moved).
        connection.Execute("UPDATE outbox SET conversation_id = @from WHERE message_id IN (SELECT message_id FROM messages WHERE conversation_id = @to AND origin_conversation_id = @from)",
            new { from, to }, transaction);
        connection.Execute("UPDATE messages SET conversation_id = @from, origin_conversation_id = NULL WHERE conversation_id = @to AND origin_conversation_id = @from",
            new { from, to }, transaction);
    }

    private static object MessageParameters(TimelineMessage m) => new
    {
        id = Id(m.MessageId),
        conversation = Id(m.ConversationId),
        seq = m.Sequence,
        kind = (int)m.Kind,
        channel = m.Channel,
        identity = m.Identity,
        externalId = m.ExternalId,
        text = m.Text,
        operatorId = Id(m.OperatorId),
        author = m.AuthorName,
        delivery = m.Delivery is null ? (int?)null : (int)m.Delivery.Value,
        error = m.DeliveryError,
        created = Time(m.CreatedAt),
        updated = Time(m.UpdatedAt),
        attachments = m.Attachments is { Count: > 0 } ? JsonSerializer.Serialize(m.Attachments, InboxJson.Options) : null,
        edited = Time(m.EditedAt),
        ticks = m.CreatedAt.UtcTicks,
        call = m.Call is null ? null : JsonSerializer.Serialize(m.Call, InboxJson.Options),
        metadata = m.Metadata is { Count: > 0 } ? JsonSerializer.Serialize(m.Metadata, InboxJson.Options) : null,
        automated = m.Automated ? 1 : 0,
        botDecision = m.BotDecision is null ? null : JsonSerializer.Serialize(m.BotDecision, InboxJson.Options),
    };
}
