using System.Globalization;
using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.Sqlite.SqliteRows;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>The read side of the message store in the embedded SQLite file: each query opens its own connection beside the writer.</summary>
public sealed class SqliteConversationQueries(SqliteDatabase database) : IConversationQueries
{
    public Task<ConversationListPage> ListConversationsAsync(ConversationQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Add($"status IN ({string.Join(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))})");
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

    public Task<TimelineMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        var rows = SqliteReader.Query(connection, null,
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND channel = @channel AND kind = 0 ORDER BY created_ticks DESC, sequence DESC LIMIT 1",
            new { id = Id(conversationId), channel }, ReadMessage);
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
        return parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var sequence)
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
}
