using Dapper;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage.Sqlite;

public sealed class SqliteCursorStore(SqliteDatabase database, SqliteWriteQueue writer) : ICursorStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(connection.ExecuteScalar<string?>("SELECT value FROM cursors WHERE key = @key", new { key }));
    }

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO cursors (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            new { key, value }, transaction), cancellationToken);
}
