using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>
/// Operators' read markers (<c>read_markers</c>) and unread counts, the same SQL on SQLite and PostgreSQL. A conversation's
/// unread count for an operator is its customer's messages (inbound, not automated) with a sequence above the operator's
/// marker. It is kept as two numbers, so that counting reads no message: the conversation's row holds how many such messages
/// its timeline has (<c>inbound_count</c>, written with each of them by <see cref="SqlConversationStore"/>), and the marker
/// how many of them had a sequence up to its own when it moved (<c>inbound_seen</c>). A message that comes later has a
/// higher sequence than any marker, so the difference is the count; a merge or its undo, which moves messages with their
/// own sequences, counts both again for the conversations it touches (<see cref="RecountSql"/>).
/// </summary>
public abstract class SqlReadMarkerStore(StoreConnections store) : IReadMarkerStore
{
    /// <summary>The customer's messages on the timeline of the conversation of the <c>conversations</c> row being written.</summary>
    private const string InboundCount =
        "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = conversations.conversation_id AND m.kind = 0 AND NOT m.automated)";

    /// <summary>The customer's messages up to the marker's sequence, for the <c>read_markers</c> row being written.</summary>
    private const string InboundSeen =
        "(SELECT COUNT(*) FROM messages m WHERE m.conversation_id = read_markers.conversation_id AND m.kind = 0 AND NOT m.automated AND m.sequence <= read_markers.sequence)";

    /// <summary>
    /// Fills both numbers where a row has none: rows written before they were kept. Run once, with the columns: by the embedded
    /// store when it adds them to an older file, by the PostgreSQL store's schema step; it reads the messages only of such rows.
    /// </summary>
    public const string CountMissingSql = $"""
        UPDATE conversations SET inbound_count = {InboundCount} WHERE inbound_count IS NULL;
        UPDATE read_markers SET inbound_seen = {InboundSeen} WHERE inbound_seen IS NULL;
        """;

    /// <summary>
    /// Counts both numbers again for the conversations <c>@from</c> and <c>@to</c> and their markers, after messages moved
    /// between them (a statement each: the embedded store's writer compiles one statement per text).
    /// </summary>
    public static readonly IReadOnlyList<string> RecountSql =
    [
        $"UPDATE conversations SET inbound_count = {InboundCount} WHERE conversation_id IN (@from, @to)",
        $"UPDATE read_markers SET inbound_seen = {InboundSeen} WHERE conversation_id IN (@from, @to)",
    ];

    /// <summary>A conversation's unread count for the operator of <c>@operatorId</c>, with <c>c</c> its row and <c>r</c> the marker.</summary>
    private const string Unread = "COALESCE(c.inbound_count, 0) - COALESCE(r.inbound_seen, 0)";

    private const string WithMarker = "LEFT JOIN read_markers r ON r.operator_id = @operatorId AND r.conversation_id = c.conversation_id";

    public Task MarkReadAsync(Guid operatorId, Guid conversationId, long sequence, CancellationToken cancellationToken = default)
    {
        var values = store.Values;
        return store.Writer.WriteAsync((connection, transaction) =>
        {
            // The count of what the marker covers is taken only when the marker moves forward: one read of the conversation's
            // messages per move, none per count.
            var parameters = new
            {
                operatorId = values.Id(operatorId),
                conversationId = values.Id(conversationId),
                sequence,
                ticks = DateTimeOffset.UtcNow.UtcTicks,
            };
            connection.Execute("""
                INSERT INTO read_markers (operator_id, conversation_id, sequence, read_ticks) VALUES (@operatorId, @conversationId, @sequence, @ticks)
                ON CONFLICT (operator_id, conversation_id) DO UPDATE SET
                    sequence = CASE WHEN excluded.sequence > read_markers.sequence THEN excluded.sequence ELSE read_markers.sequence END,
                    inbound_seen = CASE WHEN excluded.sequence > read_markers.sequence THEN NULL ELSE read_markers.inbound_seen END,
                    read_ticks = excluded.read_ticks
                """, parameters, transaction);
            connection.Execute($"""
                UPDATE read_markers SET inbound_seen = {InboundSeen}
                WHERE operator_id = @operatorId AND conversation_id = @conversationId AND inbound_seen IS NULL
                """, new { parameters.operatorId, parameters.conversationId }, transaction);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<UnreadCount>> CountAsync(Guid operatorId, IReadOnlyList<Guid> conversationIds, CancellationToken cancellationToken = default)
    {
        if (conversationIds.Count == 0)
        {
            return [];
        }

        var values = store.Values;
        // One parameter per id (@id0, @id1, …): the same SQL on both providers (Npgsql takes a list as an array, SQLite cannot).
        var distinct = conversationIds.Distinct().ToList();
        var parameters = new DynamicParameters(new { operatorId = values.Id(operatorId) });
        for (var i = 0; i < distinct.Count; i++)
        {
            parameters.Add($"id{i}", values.Id(distinct[i]));
        }

        var ids = "(" + string.Join(", ", distinct.Select((_, i) => $"@id{i}")) + ")";
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await StoreReader.QueryAsync(connection, $"""
            SELECT c.conversation_id, {Unread}, COALESCE(r.sequence, 0) FROM conversations c {WithMarker}
            WHERE c.conversation_id IN {ids}
            """, parameters,
            r => (Id: StoreReader.ReadGuid(r, 0), Count: Convert.ToInt64(r.GetValue(1)), Sequence: Convert.ToInt64(r.GetValue(2))),
            cancellationToken).ConfigureAwait(false);
        var found = rows.ToDictionary(u => u.Id);
        return distinct.Select(id => found.TryGetValue(id, out var row)
            ? new UnreadCount(id, (int)Math.Clamp(row.Count, 0, int.MaxValue), row.Sequence)
            : new UnreadCount(id, 0, 0)).ToList();
    }

    public async Task<int> TotalAsync(Guid operatorId, CancellationToken cancellationToken = default)
    {
        var values = store.Values;
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long?>(new CommandDefinition($"""
            SELECT SUM({Unread}) FROM conversations c {WithMarker}
            WHERE c.merged_into IS NULL
              AND ((c.status = @queued AND c.assignee_id IS NULL) OR (c.assignee_id = @operatorId AND c.status IN (@queued, @assigned)))
            """, new
            {
                operatorId = values.Id(operatorId),
                queued = (int)ConversationStatus.Queued,
                assigned = (int)ConversationStatus.Assigned,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (int)Math.Clamp(total ?? 0, 0, int.MaxValue);
    }
}
