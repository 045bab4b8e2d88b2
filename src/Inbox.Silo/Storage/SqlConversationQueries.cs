using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage;

/// <summary>The read side of the message store, the same SQL on SQLite and PostgreSQL: each query opens its own connection beside the writer.</summary>
public abstract class SqlConversationQueries(Func<CancellationToken, ValueTask<DbConnection>> openAsync, StoreValues values) : IConversationQueries
{
    public async Task<ConversationListPage> ListConversationsAsync(ConversationQuery query, CancellationToken cancellationToken = default)
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
            parameters.Add("assignee", values.Id(assignee));
        }

        if (query.Team == ConversationQuery.NoTeam)
        {
            where.Add("team IS NULL");
        }
        else if (query.Team is { } team)
        {
            where.Add("team = @team");
            parameters.Add("team", team);
        }

        SearchFilters(query, where, parameters);
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        // On PostgreSQL no index holds the activity (PostgresSchema: a message's update of its conversation then writes no
        // index), so an order by activity sorts the conversations the filter keeps; the queue's order reads its index.
        var order = query.Sort switch
        {
            ConversationSort.Waiting => QueueOrder,
            ConversationSort.Newest => "activity_ticks DESC, conversation_id",
            ConversationSort.Oldest => "activity_ticks ASC, conversation_id",
            _ => query.Statuses is [ConversationStatus.Queued] ? QueueOrder : "queue_priority DESC, activity_ticks DESC, conversation_id",
        };
        parameters.Add("limit", query.Limit);
        parameters.Add("offset", query.Offset);
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition($"SELECT COUNT(*) FROM conversations {filter}", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var names = ConversationColumns.Split(", ");
        var columns = string.Join(", ", names.Select(c => "v." + c));
        var nameOrdinal = names.Length; // the customer's name follows the conversation's columns
        var items = await StoreReader.QueryAsync(connection,
            $"SELECT {columns}, c.name FROM (SELECT * FROM conversations {filter} ORDER BY {order} LIMIT @limit OFFSET @offset) v " +
            $"LEFT JOIN customers c ON c.customer_id = v.customer_id ORDER BY {string.Join(", ", order.Split(", ").Select(o => "v." + o))}",
            parameters, r => new ConversationListItem(ReadConversation(r), r.IsDBNull(nameOrdinal) ? null : r.GetString(nameOrdinal)), cancellationToken).ConfigureAwait(false);
        int? next = query.Offset + items.Count < total ? query.Offset + items.Count : null;
        return new ConversationListPage(items, total, next);
    }

    /// <summary>The search's filters: the customers found, the last inbound channel, a label (in the labels' JSON, quotes included).</summary>
    private void SearchFilters(ConversationQuery query, List<string> where, DynamicParameters parameters)
    {
        if (query.CustomerIds is { } customers)
        {
            where.Add(customers.Count == 0 ? "1 = 0" : $"customer_id IN ({string.Join(", ", customers.Select((_, i) => $"@customer{i}"))})");
            for (var i = 0; i < customers.Count; i++)
            {
                parameters.Add($"customer{i}", values.Id(customers[i]));
            }
        }

        if (query.Channel is { } channel)
        {
            where.Add("last_inbound_channel = @channel");
            parameters.Add("channel", channel);
        }

        if (query.Label is { } label)
        {
            var quoted = JsonSerializer.Serialize(label, InboxJson.Options);
            where.Add("labels LIKE @label ESCAPE '\\'");
            parameters.Add("label", SqlLike.Containing(quoted));
        }
    }

    /// <summary>
    /// The queue's order: the handoff's priority (possible victims first), then the longest wait (when it entered the queue);
    /// one that never recorded its entry (queued before teams existed) after those, the longest idle first.
    /// </summary>
    private const string QueueOrder = "queue_priority DESC, queued_ticks ASC NULLS LAST, activity_ticks ASC, conversation_id";

    public async Task<IReadOnlyList<(Guid ConversationId, Guid MessageId)>> ListAwaitingBotAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, """
            SELECT c.conversation_id, m.message_id FROM conversations c
            JOIN messages m ON m.message_id = (SELECT message_id FROM messages WHERE conversation_id = c.conversation_id ORDER BY created_ticks DESC, sequence DESC LIMIT 1)
            WHERE c.status = @bot AND m.kind = 0 AND m.bot_decision IS NULL AND m.automated = @no
            LIMIT @limit
            """, new { bot = (int)ConversationStatus.Bot, no = values.Flag(false), limit },
            r => (StoreReader.ReadGuid(r, 0), StoreReader.ReadGuid(r, 1)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The queue by <c>queue_priority</c>, with how many have <c>queued_ticks</c>: what <see cref="QueueCounts.PlaceFor"/> needs to
    /// count the conversations <see cref="QueueOrder"/> puts before one handed off now (the newest of its priority).
    /// </summary>
    public async Task<QueueCounts> CountQueuedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var groups = await StoreReader.QueryAsync(connection,
            "SELECT queue_priority, COUNT(*), COUNT(queued_ticks) FROM conversations WHERE status = @queued GROUP BY queue_priority",
            new { queued = (int)ConversationStatus.Queued },
            r => new QueuedGroup(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)),
            cancellationToken).ConfigureAwait(false);
        return new QueueCounts(groups);
    }

    /// <summary>
    /// The queued status as a literal of the SQL, not a parameter: PostgreSQL's <c>ix_conversations_team_queue</c> holds queued
    /// conversations only, and a plan made for a parameter could not use it.
    /// </summary>
    internal static readonly string QueuedStatus = ((int)ConversationStatus.Queued).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Each team's queue: how many, and when the longest-waiting entered it, read from the entries of
    /// <c>ix_conversations_team_queue</c> alone. No index holds the activity (on PostgreSQL a message's update of its
    /// conversation then writes no index), so for a team with conversations queued before entry times were kept, whose
    /// last activity counts instead, those are read in the same statement, and for no other team.
    /// </summary>
    public static readonly string QueuedByTeamSql = $"""
        SELECT team, COUNT(*), MIN(queued_ticks),
            CASE WHEN COUNT(queued_ticks) < COUNT(*) THEN (
                SELECT MIN(unrecorded.activity_ticks) FROM conversations unrecorded
                WHERE unrecorded.status = {QueuedStatus} AND unrecorded.merged_into IS NULL AND unrecorded.queued_ticks IS NULL
                    AND (unrecorded.team = queue.team OR (unrecorded.team IS NULL AND queue.team IS NULL))) END
        FROM conversations queue
        WHERE status = {QueuedStatus} AND merged_into IS NULL GROUP BY team
        """;

    public async Task<IReadOnlyList<QueuedTeam>> CountQueuedByTeamAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, QueuedByTeamSql, null,
            r => new QueuedTeam(StoreReader.ReadNullableString(r, 0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture),
                Moments.Earlier(ReadTicks(r, 2), ReadTicks(r, 3))!.Value),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConversationSnapshot>> ListUnansweredAsync(Guid assigneeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, $"""
            SELECT {ConversationColumns} FROM conversations c
            WHERE c.assignee_id = @id AND c.status = @assigned
              AND (SELECT m.kind FROM messages m WHERE m.conversation_id = c.conversation_id AND m.kind IN (@inbound, @outbound)
                   ORDER BY m.created_ticks DESC, m.sequence DESC LIMIT 1) = @inbound
            """, new { id = values.Id(assigneeId), assigned = (int)ConversationStatus.Assigned, inbound = (int)MessageKind.Inbound, outbound = (int)MessageKind.Outbound },
            ReadConversation, cancellationToken).ConfigureAwait(false);
        // The order they take in the queue once back: the handoff's priority (queue_priority while queued), then the longest wait.
        return rows.OrderByDescending(c => c.Handoff?.Priority ?? 0).ThenBy(c => c.QueuedAt ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.LastMessageAt ?? c.UpdatedAt).ThenBy(c => c.ConversationId).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CountAssignedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection,
            "SELECT assignee_id, COUNT(*) FROM conversations WHERE status = @assigned AND assignee_id IS NOT NULL GROUP BY assignee_id",
            new { assigned = (int)ConversationStatus.Assigned }, r => (StoreReader.ReadGuid(r, 0), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)),
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    public async Task<TimelineMessage?> LastInboundAsync(Guid conversationId, string channel, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection,
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND channel = @channel AND kind = 0 ORDER BY created_ticks DESC, sequence DESC LIMIT 1",
            new { id = values.Id(conversationId), channel }, ReadMessage, cancellationToken).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    public async Task<TimelinePage> GetTimelineAsync(Guid conversationId, string? before, int limit, CancellationToken cancellationToken = default)
    {
        var (ticks, sequence) = ParseCursor(before);
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection,
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @id AND (created_ticks < @ticks OR (created_ticks = @ticks AND sequence < @sequence)) " +
            "ORDER BY created_ticks DESC, sequence DESC LIMIT @limit",
            new { id = values.Id(conversationId), ticks, sequence, limit = limit + 1 }, ReadMessage, cancellationToken).ConfigureAwait(false);
        string? nextBefore = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            nextBefore = $"{values.Ticks(rows[^1].CreatedAt)}.{rows[^1].Sequence}";
        }

        rows.Reverse();
        return new TimelinePage(rows, nextBefore);
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

    public async Task<IReadOnlyList<LiveEvent>> GetEventsAsync(Guid conversationId, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, $"{StoredEvents("conversation_id = @id AND sequence > @after", values)} ORDER BY sequence LIMIT @limit",
            new { id = values.Id(conversationId), after = afterSequence, limit }, ReadStoredEvent, cancellationToken).ConfigureAwait(false);
    }
}
