using System.Data.Common;
using Dapper;
using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using static Inbox.Silo.Storage.StoreReader;

namespace Inbox.Silo.Storage;

/// <summary>
/// SLA clocks in <c>sla_clocks</c> (one row per conversation and target; instants as UTC ticks, exact on both providers;
/// <c>next_ticks</c> is the clock's next moment, null once stopped or breached, and what the watcher looks up) and the
/// policies supervisors wrote in <c>sla_policies</c> (one row). The same SQL on SQLite and PostgreSQL.
/// </summary>
public abstract class SqlSlaStore(StoreConnections store) : ISlaStore
{
    private const string Columns = "conversation_id, target, started_ticks, warn_ticks, due_ticks, policy_team, priority, warned, breached, stopped_ticks";

    /// <summary>Writes a commit's clock rows inside its write (<see cref="ConversationCommit.SlaClocks"/>).</summary>
    public static void Upsert(StoreStatements statements, StoreValues values, IEnumerable<SlaClockRecord> clocks)
    {
        foreach (var c in clocks)
        {
            statements.Execute(UpsertClockSql, new
            {
                id = values.Id(c.ConversationId),
                target = c.Target,
                started = c.StartedAt.UtcTicks,
                warn = c.WarnAt.UtcTicks,
                due = c.DueAt.UtcTicks,
                team = c.PolicyTeam,
                priority = (int)c.Priority,
                warned = values.Flag(c.Warned),
                breached = values.Flag(c.Breached),
                stopped = c.StoppedAt?.UtcTicks,
                next = c.NextAt?.UtcTicks,
            });
        }
    }

    private const string UpsertClockSql = $"""
        INSERT INTO sla_clocks ({Columns}, next_ticks)
        VALUES (@id, @target, @started, @warn, @due, @team, @priority, @warned, @breached, @stopped, @next)
        ON CONFLICT (conversation_id, target) DO UPDATE SET started_ticks = excluded.started_ticks, warn_ticks = excluded.warn_ticks,
            due_ticks = excluded.due_ticks, policy_team = excluded.policy_team, priority = excluded.priority, warned = excluded.warned,
            breached = excluded.breached, stopped_ticks = excluded.stopped_ticks, next_ticks = excluded.next_ticks
        """;

    public async Task<IReadOnlyList<SlaClockRecord>> GetClocksAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, $"SELECT {Columns} FROM sla_clocks WHERE conversation_id = @id ORDER BY target",
            new { id = store.Values.Id(conversationId) }, Read, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Guid>> DueConversationsAsync(DateTimeOffset upTo, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, """
            SELECT conversation_id FROM sla_clocks WHERE next_ticks <= @upTo
            GROUP BY conversation_id ORDER BY MIN(next_ticks) LIMIT @limit
            """, new { upTo = upTo.UtcTicks, limit }, r => ReadGuid(r, 0), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SlaRisk>> OpenRisksAsync(int limit, CancellationToken cancellationToken = default)
    {
        // Index sla_clocks_raised holds only the clocks that recorded a warning and still run: few, however many conversations
        // are open. CROSS JOIN makes SQLite start from them (it keeps no statistics to know); PostgreSQL plans it as any join.
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync(connection, $"""
            SELECT s.conversation_id, c.team, c.assignee_id, s.target, s.breached, s.warn_ticks, s.due_ticks
            FROM sla_clocks s CROSS JOIN conversations c
            WHERE c.conversation_id = s.conversation_id AND s.warned = {store.Values.TrueLiteral} AND s.stopped_ticks IS NULL AND s.target IN (@firstResponse, @resolution)
              AND c.status IN (@queued, @assigned) AND c.merged_into IS NULL
            ORDER BY s.breached DESC, s.due_ticks, s.conversation_id, s.target LIMIT @limit
            """, new
        {
            firstResponse = SlaTargets.FirstResponse,
            resolution = SlaTargets.Resolution,
            queued = (int)ConversationStatus.Queued,
            assigned = (int)ConversationStatus.Assigned,
            limit,
        }, r =>
        {
            var breached = ReadFlag(r, 4);
            var due = new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero);
            return new SlaRisk(ReadGuid(r, 0), ReadNullableString(r, 1), ReadNullableGuid(r, 2), r.GetString(3), breached,
                breached ? due : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero), due);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ticks = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(next_ticks) FROM sla_clocks WHERE next_ticks IS NOT NULL", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
    }

    public async Task<(string Document, DateTimeOffset UpdatedAt)?> GetPoliciesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await QueryAsync(connection, "SELECT document, updated_ticks FROM sla_policies WHERE id = 1", null,
            r => (r.GetString(0), new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task SavePoliciesAsync(string document, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO sla_policies (id, document, updated_ticks) VALUES (1, @document, @updated)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_ticks = excluded.updated_ticks
            """, new { document, updated = updatedAt.UtcTicks }, transaction), cancellationToken);

    private static SlaClockRecord Read(DbDataReader r) => new(
        ReadGuid(r, 0), r.GetString(1), At(r.GetInt64(2)), At(r.GetInt64(3)), At(r.GetInt64(4)), ReadNullableString(r, 5),
        (ConversationPriority)r.GetInt32(6), ReadFlag(r, 7), ReadFlag(r, 8), r.IsDBNull(9) ? null : At(r.GetInt64(9)));

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
