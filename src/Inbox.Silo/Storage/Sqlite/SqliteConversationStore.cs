using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Microsoft.Data.Sqlite;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The message store, conversation list and outbox in the embedded SQLite file.</summary>
public sealed class SqliteConversationStore(SqliteDatabase database, SqliteWriteQueue writer) : IConversationStore
{
    public Task<CommitOutcome> CommitAsync(ConversationCommit commit, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => Commit(connection, transaction, commit), cancellationToken);

    private static CommitOutcome Commit(SqliteConnection connection, SqliteTransaction transaction, ConversationCommit commit)
    {
        var message = commit.NewMessage;
        if (message is { Kind: MessageKind.Inbound, ExternalId: not null })
        {
            var existing = SqliteReader.Query(connection, transaction,
                $"SELECT {MessageColumns} FROM messages WHERE channel = @channel AND external_id = @externalId AND kind = 0",
                new { channel = message.Channel, externalId = message.ExternalId }, ReadMessage);
            if (existing.Count > 0)
            {
                return new CommitOutcome(true, existing[0]);
            }
        }

        var c = commit.Conversation;
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

        foreach (var e in commit.Events)
        {
            connection.Execute(
                "INSERT INTO events (conversation_id, sequence, type, occurred_at, payload) VALUES (@id, @seq, @type, @at, @payload)",
                new { id = Id(e.ConversationId), seq = e.Sequence, type = e.Type, at = Time(e.OccurredAt), payload = JsonSerializer.Serialize(e, InboxJson.Options) },
                transaction);
        }

        if (message is not null)
        {
            connection.Execute($"INSERT INTO messages ({MessageColumns}, created_ticks) VALUES (@id, @conversation, @seq, @kind, @channel, @identity, @externalId, @text, @operatorId, @author, @delivery, @error, @created, @updated, @attachments, @edited, @call, @metadata, @automated, @botDecision, @ticks)",
                MessageParameters(message), transaction);
        }

        if (commit.ChangedMessage is { } changed)
        {
            connection.Execute("""
                UPDATE messages SET delivery = @delivery, delivery_error = @error, external_id = @externalId, updated_at = @updated,
                    text = @text, edited_at = @edited, call_info = @call, bot_decision = @botDecision
                WHERE message_id = @id
                """, MessageParameters(changed), transaction);
        }

        if (commit.Outbox is { } o)
        {
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
        }

        if (commit.Move is { } move)
        {
            Move(connection, transaction, move);
        }

        if (commit.Cursor is { } cursor)
        {
            connection.Execute("INSERT INTO cursors (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                new { key = cursor.Key, value = cursor.Value }, transaction);
        }

        return CommitOutcome.Committed;
    }

    private static void Move(SqliteConnection connection, SqliteTransaction transaction, TimelineMove move)
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

    public Task<ConversationSnapshot?> GetConversationAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null, $"SELECT {ConversationColumns} FROM conversations WHERE conversation_id = @id",
            new { id = Id(conversationId) }, ReadConversation);
        return Task.FromResult(rows.FirstOrDefault());
    }

    public Task<ConversationListPage> ListConversationsAsync(ConversationQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Add($"status IN ({string.Join(", ", statuses.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        if (query.UnassignedOnly)
        {
            where.Add("assignee_id IS NULL");
        }
        else if (query.AssigneeId is { } assignee)
        {
            where.Add("assignee_id = @assignee");
            parameters.Add("assignee", Id(assignee));
        }

        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        parameters.Add("limit", query.Limit);
        parameters.Add("offset", query.Offset);
        using var connection = database.Open();
        var total = connection.ExecuteScalar<int>($"SELECT COUNT(*) FROM conversations {filter}", parameters);
        var columns = string.Join(", ", ConversationColumns.Split(", ").Select(c => "v." + c));
        var items = SqliteReader.Query(connection, null,
            $"SELECT {columns}, c.name FROM (SELECT * FROM conversations {filter} ORDER BY queue_priority DESC, activity_ticks DESC, conversation_id LIMIT @limit OFFSET @offset) v " +
            "LEFT JOIN customers c ON c.customer_id = v.customer_id ORDER BY v.queue_priority DESC, v.activity_ticks DESC, v.conversation_id",
            parameters, r => new ConversationListItem(ReadConversation(r), r.IsDBNull(15) ? null : r.GetString(15)));
        int? next = query.Offset + items.Count < total ? query.Offset + items.Count : null;
        return Task.FromResult(new ConversationListPage(items, total, next));
    }

    public Task<IReadOnlyList<(Guid ConversationId, Guid MessageId)>> ListAwaitingBotAsync(int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        IReadOnlyList<(Guid, Guid)> rows = SqliteReader.Query(connection, null, """
            SELECT c.conversation_id, m.message_id FROM conversations c
            JOIN messages m ON m.message_id = (SELECT message_id FROM messages WHERE conversation_id = c.conversation_id ORDER BY created_ticks DESC, sequence DESC LIMIT 1)
            WHERE c.status = @bot AND m.kind = 0 AND m.bot_decision IS NULL AND m.automated = 0
            LIMIT @limit
            """, new { bot = (int)ConversationStatus.Bot, limit }, r => (Guid.Parse(r.GetString(0)), Guid.Parse(r.GetString(1))));
        return Task.FromResult(rows);
    }

    public Task<int> CountQueuedAsync(CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(connection.ExecuteScalar<int>("SELECT COUNT(*) FROM conversations WHERE status = @queued", new { queued = (int)ConversationStatus.Queued }));
    }

    public Task<TimelineMessage?> GetMessageAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null, $"SELECT {MessageColumns} FROM messages WHERE message_id = @id", new { id = Id(messageId) }, ReadMessage);
        return Task.FromResult(rows.FirstOrDefault());
    }

    public Task<TimelineMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null,
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND channel = @channel AND kind = 0 ORDER BY created_ticks DESC, sequence DESC LIMIT 1",
            new { id = Id(conversationId), channel }, ReadMessage);
        return Task.FromResult(rows.FirstOrDefault());
    }

    public Task<TimelineMessage?> FindByExternalIdAsync(string channel, string externalId, MessageKind kind, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null, $"SELECT {MessageColumns} FROM messages WHERE channel = @channel AND external_id = @externalId AND kind = @kind LIMIT 1",
            new { channel, externalId, kind = (int)kind }, ReadMessage);
        return Task.FromResult(rows.FirstOrDefault());
    }

    public Task<TimelinePage> GetTimelineAsync(Guid conversationId, string? before, int limit, CancellationToken cancellationToken = default)
    {
        var (ticks, sequence) = ParseCursor(before);
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null,
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND (created_ticks < @ticks OR (created_ticks = @ticks AND sequence < @sequence)) " +
            "ORDER BY created_ticks DESC, sequence DESC LIMIT @limit",
            new { id = Id(conversationId), ticks, sequence, limit = limit + 1 }, ReadMessage);
        string? nextBefore = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            nextBefore = $"{rows[^1].CreatedAt.UtcTicks}.{rows[^1].Sequence}";
        }

        rows.Reverse();
        return Task.FromResult(new TimelinePage(rows, nextBefore));
    }

    private static (long Ticks, long Sequence) ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (long.MaxValue, long.MaxValue);
        }

        var parts = cursor.Split('.');
        return parts.Length == 2 && long.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var sequence)
            ? (ticks, sequence)
            : throw new FormatException($"'{cursor}' is not a timeline cursor.");
    }

    public Task<IReadOnlyList<LiveEvent>> GetEventsAsync(Guid conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        IReadOnlyList<LiveEvent> events = SqliteReader.Query(connection, null,
            "SELECT payload FROM events WHERE conversation_id = @id AND sequence > @after ORDER BY sequence LIMIT @limit",
            new { id = Id(conversationId), after = afterSequence, limit },
            r => JsonSerializer.Deserialize<LiveEvent>(r.GetString(0), InboxJson.Options)!);
        return Task.FromResult(events);
    }

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
