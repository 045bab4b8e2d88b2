using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's connections (one <see cref="NpgsqlDataSource"/>, pooled) and its schema, brought up to date on first use:
/// in one transaction under an advisory lock, so that nodes starting at once apply each step once. A node that starts before
/// PostgreSQL is reachable waits for it (<see cref="PostgresStartup"/>).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(IOptions<PostgresOptions> options, ILogger<PostgresDatabase>? logger = null)
    {
        var connectionString = options.Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{PostgresOptions.ConnectionStringKey} must be set when Storage:Provider is 'Postgres'.");
        }

        DataSource = NpgsqlDataSource.Create(PostgresPoolReset.Apply(PostgresAutoPrepare.Apply(connectionString)));
        // Resolved while the host builds its services, before anything async runs: waiting here blocks only the start.
        PostgresStartup.WaitUntilReachable(DataSource, options.Value.StartTimeout, logger ?? NullLogger<PostgresDatabase>.Instance, CancellationToken.None);
        Migrate();
    }

    public NpgsqlDataSource DataSource { get; }

    public NpgsqlConnection Open() => DataSource.OpenConnection();

    /// <summary>A connection for a read of the stores written once for both providers.</summary>
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>What the stores written once for both providers need of this database, with its writer.</summary>
    public StoreConnections Connections(PostgresWriteQueue writer) => new(OpenAsync, writer, PostgresValues.Instance);

    /// <summary>
    /// Makes COMMIT wait for the WAL flush (<c>synchronous_commit</c> at least <c>on</c>, a stronger setting kept), for the
    /// connection's session or, with <paramref name="transactionOnly"/>, its current transaction.
    /// </summary>
    internal static string DurableCommitSql(bool transactionOnly) =>
        "SELECT CASE WHEN current_setting('synchronous_commit') IN ('off', 'local') " +
        $"THEN set_config('synchronous_commit', 'on', {(transactionOnly ? "true" : "false")}) END";

    /// <summary>
    /// A transaction whose COMMIT returns once durable, as the writer's do, for a write that should not hold up the writer's
    /// group (an attachment's bytes) or that runs where the writer cannot be awaited (data protection's synchronous calls).
    /// </summary>
    public static NpgsqlTransaction BeginDurable(NpgsqlConnection connection)
    {
        var transaction = connection.BeginTransaction();
        Execute(connection, transaction, DurableCommitSql(transactionOnly: true));
        return transaction;
    }

    /// <inheritdoc cref="BeginDurable"/>
    public static async Task<NpgsqlTransaction> BeginDurableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(DurableCommitSql(transactionOnly: true), connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    private void Migrate()
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresSchema.LockKey})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS inbox_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        using (var command = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM inbox_schema", connection, transaction))
        {
            var applied = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            for (var version = applied + 1; version <= PostgresSchema.Steps.Count; version++)
            {
                Execute(connection, transaction, PostgresSchema.Steps[version - 1]);
                Execute(connection, transaction, $"INSERT INTO inbox_schema (version) VALUES ({version})");
            }
        }

        transaction.Commit();
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
