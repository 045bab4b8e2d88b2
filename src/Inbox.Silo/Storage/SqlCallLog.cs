using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>Every call, the same SQL on SQLite and PostgreSQL: the call as JSON, with its ringing time and whether it waits for a call-back.</summary>
public abstract class SqlCallLog(StoreConnections store) : ICallLog
{
    public Task UpsertAsync(CallInfo call, CancellationToken cancellationToken = default) =>
        store.Writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO calls (call_id, ringing_ticks, missed_open, payload) VALUES (@id, @ticks, @open, @payload)
            ON CONFLICT (call_id) DO UPDATE SET missed_open = excluded.missed_open, payload = excluded.payload
            """,
            new { id = call.CallId, ticks = call.RingingAt.UtcTicks, open = store.Values.Flag(call.Missed && !call.Acknowledged), payload = JsonSerializer.Serialize(call, InboxJson.Options) },
            transaction), cancellationToken);

    public async Task<IReadOnlyList<CallInfo>> ListAsync(bool missedOnly, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await StoreReader.QueryAsync(connection,
            $"SELECT payload FROM calls {(missedOnly ? "WHERE missed_open = @yes" : "")} ORDER BY ringing_ticks DESC LIMIT @limit",
            new { limit, yes = store.Values.Flag(true) }, r => JsonSerializer.Deserialize<CallInfo>(r.GetString(0), InboxJson.Options)!, cancellationToken)
            .ConfigureAwait(false);
    }
}
