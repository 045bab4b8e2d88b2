using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>Operators' read markers (<c>read_markers</c>) and unread counts, the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlReadMarkerStore(StoreConnections store) : IReadMarkerStore
{
    private const string UnreadMessages = """
        m.kind = @inbound AND m.automated = @notAutomated
        AND m.sequence > COALESCE((SELECT r.sequence FROM read_markers r WHERE r.operator_id = @operatorId AND r.conversation_id = m.conversation_id), 0)
        """;

    public Task MarkReadAsync(Guid operatorId, Guid conversationId, long sequence, CancellationToken cancellationToken = default)
    {
        var values = store.Values;
        return store.Writer.WriteAsync((connection, transaction) =>
        {
            connection.Execute("""
                INSERT INTO read_markers (operator_id, conversation_id, sequence, read_ticks) VALUES (@operatorId, @conversationId, @sequence, @ticks)
                ON CONFLICT (operator_id, conversation_id) DO UPDATE SET
                    sequence = CASE WHEN excluded.sequence > read_markers.sequence THEN excluded.sequence ELSE read_markers.sequence END,
                    read_ticks = excluded.read_ticks
                """, new
                {
                    operatorId = values.Id(operatorId),
                    conversationId = values.Id(conversationId),
                    sequence,
                    ticks = DateTimeOffset.UtcNow.UtcTicks,
                }, transaction);
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
        var parameters = new DynamicParameters(new { operatorId = values.Id(operatorId), inbound = (int)MessageKind.Inbound, notAutomated = values.Flag(false) });
        for (var i = 0; i < distinct.Count; i++)
        {
            parameters.Add($"id{i}", values.Id(distinct[i]));
        }

        var ids = "(" + string.Join(", ", distinct.Select((_, i) => $"@id{i}")) + ")";
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var unread = await StoreReader.QueryAsync(connection, $"""
            SELECT m.conversation_id, COUNT(*) FROM messages m
            WHERE m.conversation_id IN {ids} AND {UnreadMessages}
            GROUP BY m.conversation_id
            """, parameters, r => (Id: StoreReader.ReadGuid(r, 0), Count: Convert.ToInt32(r.GetValue(1))), cancellationToken).ConfigureAwait(false);
        var markers = await StoreReader.QueryAsync(connection,
            $"SELECT conversation_id, sequence FROM read_markers WHERE operator_id = @operatorId AND conversation_id IN {ids}",
            parameters, r => (Id: StoreReader.ReadGuid(r, 0), Sequence: Convert.ToInt64(r.GetValue(1))), cancellationToken).ConfigureAwait(false);
        var counts = unread.ToDictionary(u => u.Id, u => u.Count);
        var read = markers.ToDictionary(m => m.Id, m => m.Sequence);
        return conversationIds.Distinct().Select(id => new UnreadCount(id, counts.GetValueOrDefault(id), read.GetValueOrDefault(id))).ToList();
    }

    public async Task<int> TotalAsync(Guid operatorId, CancellationToken cancellationToken = default)
    {
        var values = store.Values;
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            SELECT COUNT(*) FROM messages m JOIN conversations c ON c.conversation_id = m.conversation_id
            WHERE c.merged_into IS NULL
              AND ((c.status = @queued AND c.assignee_id IS NULL) OR (c.assignee_id = @operatorId AND c.status IN (@queued, @assigned)))
              AND {UnreadMessages}
            """, new
            {
                operatorId = values.Id(operatorId),
                queued = (int)ConversationStatus.Queued,
                assigned = (int)ConversationStatus.Assigned,
                inbound = (int)MessageKind.Inbound,
                notAutomated = values.Flag(false),
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (int)Math.Min(total, int.MaxValue);
    }
}
