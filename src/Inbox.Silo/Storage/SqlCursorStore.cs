using Dapper;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Storage;

/// <summary>Small durable values by key, the same SQL on SQLite and PostgreSQL.</summary>
public abstract class SqlCursorStore(StoreConnections store) : ICursorStore
{
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<string?>(
            new CommandDefinition("SELECT value FROM cursors WHERE key = @key", new { key }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default) =>
        store.Writer.WriteStatementsAsync(statements =>
        {
            SqlConversationStore.SetCursor(statements, key, value);
            return true;
        }, cancellationToken);
}
