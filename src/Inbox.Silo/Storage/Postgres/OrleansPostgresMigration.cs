using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// Creates <see cref="OrleansPostgresSchema"/> in a PostgreSQL database: idempotent, and safe when several silos start at
/// once. One transaction holds a transaction-scoped advisory lock, so concurrent starts apply it one after the other
/// (a concurrent <c>CREATE TABLE IF NOT EXISTS</c> can otherwise fail on PostgreSQL's catalog), creates what is missing
/// and upserts every query, so a newer Inbox also replaces the text of a query an older one wrote.
/// </summary>
public static class OrleansPostgresMigration
{
    /// <summary>The advisory lock key: any constant of our own ("OrlnsSch" as bytes), shared by every silo.</summary>
    public const long AdvisoryLockKey = 0x4F726C6E73536368;

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", AdvisoryLockKey)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, OrleansPostgresSchema.Tables, cancellationToken).ConfigureAwait(false);
        foreach (var (key, text) in OrleansPostgresSchema.Queries)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text)
                ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
                WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText
                """, cancellationToken, ("key", key), ("text", text)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
