using System.Data.Common;
using System.Globalization;
using Dapper;
using System.Text.Json;
using Inbox.Domain;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>The reports' read of the <c>events</c> table, the same SQL on SQLite and PostgreSQL (index <c>ix_events_occurred</c>).</summary>
public abstract class SqlEventHistory(Func<CancellationToken, ValueTask<DbConnection>> openAsync, StoreValues values) : IEventHistory
{
    private const int Chunk = 500;

    public async Task<IReadOnlyList<LiveEvent>> ReadActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await openAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection, """
            SELECT payload FROM events WHERE conversation_id IN (
                SELECT conversation_id FROM events WHERE occurred_at >= @since
                UNION SELECT conversation_id FROM conversations WHERE merged_into IN (SELECT conversation_id FROM events WHERE occurred_at >= @since))
            ORDER BY occurred_at, conversation_id, sequence
            """, new { since = values.Time(since) }, Read, cancellationToken).ConfigureAwait(false);
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
            events.AddRange(await StoreReader.QueryAsync(connection, $"SELECT payload FROM events WHERE conversation_id IN ({names})",
                parameters, Read, cancellationToken).ConfigureAwait(false));
        }

        return events.OrderBy(e => e.OccurredAt).ThenBy(e => e.ConversationId).ThenBy(e => e.Sequence).ToList();
    }

    private static LiveEvent Read(DbDataReader r) => JsonSerializer.Deserialize<LiveEvent>(r.GetString(0), InboxJson.Options)!;
}
