using System.Data.Common;
using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;
using static Inbox.Silo.Storage.StoreRows;

namespace Inbox.Silo.Storage;

/// <summary>Automatic assignment's reads, the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlRoutingQueries(Func<CancellationToken, ValueTask<DbConnection>> openAsync, StoreValues values) : IRoutingQueries
{
    /// <summary>
    /// A team's queue in the order it is offered: the handoff's priority, then the longest wait; a conversation queued before
    /// its entry time was recorded waits behind those with one, by its last activity (<c>queued_ticks IS NULL</c> is false,
    /// 0, before true, 1, on both providers). This is the order of <c>ix_conversations_team_queue</c> (both providers)
    /// but for ties, so a pass reads as many entries as it offers, however long the queue (it sorted the whole queue before).
    /// </summary>
    public static readonly string QueuedSql = $"""
        SELECT {ConversationColumns} FROM conversations
        WHERE status = {SqlConversationQueries.QueuedStatus} AND assignee_id IS NULL AND team = @team AND merged_into IS NULL
        ORDER BY queue_priority DESC, queued_ticks IS NULL, queued_ticks, activity_ticks, conversation_id
        LIMIT @limit
        """;

    public async Task<IReadOnlyList<ConversationSnapshot>> ListQueuedAsync(string team, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, QueuedSql, new { team, limit }, ReadConversation,
            cancellationToken).ConfigureAwait(false);
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
