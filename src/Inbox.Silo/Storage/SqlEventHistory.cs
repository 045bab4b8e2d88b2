using System.Data.Common;
using System.Globalization;
using Dapper;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>
/// The reports' read of the stored events (the <c>events</c> table and the events kept in timeline items' rows), the same SQL
/// on SQLite and PostgreSQL.
/// </summary>
public abstract class SqlEventHistory(Func<CancellationToken, ValueTask<DbConnection>> openAsync, StoreValues values) : IEventHistory
{
    private const int Chunk = 500;

    /// <summary>
    /// The events of the conversations with an event since <paramref name="since"/> (and of those merged into them). A
    /// conversation's row is written by every step with the step's time (<c>updated_at</c>), so it names the conversations
    /// whose events are kept in their items' rows (see <see cref="SqlConversationStore"/>); files from before that have
    /// every event in <c>events</c>, found by its time.
    /// </summary>
    public async Task<IReadOnlyList<LiveEvent>> ReadActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        var events = await StoreReader.QueryAsync(connection, $"""
            WITH active AS (
                SELECT conversation_id FROM events WHERE occurred_at >= @since
                UNION SELECT conversation_id FROM conversations WHERE updated_at >= @since),
            wanted AS (
                SELECT conversation_id FROM active
                UNION SELECT conversation_id FROM conversations WHERE merged_into IN (SELECT conversation_id FROM active))
            {StoreRows.StoredEvents("conversation_id IN (SELECT conversation_id FROM wanted)", values)}
            """, new { since = values.Time(since) }, Read, cancellationToken).ConfigureAwait(false);
        return InOrder(events);
    }

    public async Task<IReadOnlyList<LiveEvent>> ReadConversationsAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        var events = new List<LiveEvent>();
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in conversationIds.Distinct().Chunk(Chunk))
        {
            // one parameter per id: the providers disagree on list parameters (PostgreSQL takes arrays, SQLite none)
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add("id" + i.ToString(CultureInfo.InvariantCulture), values.Id(chunk[i]));
            }

            var names = string.Join(", ", Enumerable.Range(0, chunk.Length).Select(i => "@id" + i.ToString(CultureInfo.InvariantCulture)));
            events.AddRange(await StoreReader.QueryAsync(connection, StoreRows.StoredEvents($"conversation_id IN ({names})", values),
                parameters, Read, cancellationToken).ConfigureAwait(false));
        }

        return InOrder(events);
    }

    private static List<LiveEvent> InOrder(IEnumerable<LiveEvent> events) =>
        events.OrderBy(e => e.OccurredAt).ThenBy(e => e.ConversationId).ThenBy(e => e.Sequence).ToList();

    private static LiveEvent Read(DbDataReader r) => StoreRows.ReadStoredEvent(r);
}
