using Dapper;
using Inbox.Domain.Storage;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Storage.Sqlite;

public sealed class SqliteCursorStore(SqliteDatabase database, SqliteWriteQueue writer) : ICursorStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        using var connection = database.Open();
        return Task.FromResult(connection.ExecuteScalar<string?>("SELECT value FROM cursors WHERE key = @key", new { key }));
    }

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default) =>
        writer.WriteAsync((connection, transaction) => Set(connection, transaction, key, value), cancellationToken);

    /// <summary>Sets a cursor inside a transaction (a commit that stores a message with its polling offset).</summary>
    internal static void Set(SqliteConnection connection, SqliteTransaction transaction, string key, string value) =>
        SqlConversationStore.SetCursor(connection, transaction, key, value);
}
