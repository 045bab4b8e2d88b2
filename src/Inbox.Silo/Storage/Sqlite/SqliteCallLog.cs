using System.Text.Json;
using Dapper;
using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage.Sqlite;

public sealed class SqliteCallLog(SqliteDatabase database, SqliteWriteQueue writer) : ICallLog
{
    public Task UpsertAsync(CallInfo call, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute("""
            INSERT INTO calls (call_id, ringing_ticks, missed_open, payload) VALUES (@id, @ticks, @open, @payload)
            ON CONFLICT (call_id) DO UPDATE SET missed_open = excluded.missed_open, payload = excluded.payload
            """,
            new { id = call.CallId, ticks = call.RingingAt.UtcTicks, open = call.Missed && !call.Acknowledged ? 1 : 0, payload = JsonSerializer.Serialize(call, InboxJson.Options) },
            transaction), cancellationToken);

    public Task<IReadOnlyList<CallInfo>> ListAsync(bool missedOnly, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        IReadOnlyList<CallInfo> calls = SqliteReader.Query(connection, null,
            $"SELECT payload FROM calls {(missedOnly ? "WHERE missed_open = 1" : "")} ORDER BY ringing_ticks DESC LIMIT @limit",
            new { limit }, r => JsonSerializer.Deserialize<CallInfo>(r.GetString(0), InboxJson.Options)!);
        return Task.FromResult(calls);
    }
}
