using System.Data.Common;
using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage;

/// <summary>Automatic assignment's reads, the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlRoutingQueries(Func<CancellationToken, ValueTask<DbConnection>> openAsync, StoreValues values) : IRoutingQueries
{
    public async Task<IReadOnlyList<ConversationSnapshot>> ListQueuedAsync(string team, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        // A conversation queued before its entry time was recorded waits behind those with one, by its last activity.
        return await StoreReader.QueryAsync(connection, $"""
            SELECT {ConversationColumns} FROM conversations
            WHERE status = @queued AND assignee_id IS NULL AND team = @team AND merged_into IS NULL
            ORDER BY queue_priority DESC, CASE WHEN queued_ticks IS NULL THEN 1 ELSE 0 END, queued_ticks, activity_ticks, conversation_id
            LIMIT @limit
            """, new { queued = (int)ConversationStatus.Queued, team, limit }, ReadConversation, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountAssignedAsync(Guid operatorId, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM conversations WHERE status = @assigned AND assignee_id = @id",
            new { assigned = (int)ConversationStatus.Assigned, id = values.Id(operatorId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ConversationSnapshot>> ListUnopenedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, $"""
            SELECT {ConversationColumns} FROM conversations
            WHERE awaiting_open_ticks IS NOT NULL AND awaiting_open_ticks < @before AND status = @assigned
            ORDER BY awaiting_open_ticks LIMIT @limit
            """, new { before = before.UtcTicks, assigned = (int)ConversationStatus.Assigned, limit }, ReadConversation, cancellationToken).ConfigureAwait(false);
    }
}
