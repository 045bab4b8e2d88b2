using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's one writer per node (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>): each group is one transaction,
/// committed with the server's <c>synchronous_commit</c> (on by default: COMMIT returns once the WAL is flushed), and only then is
/// each write answered. Nodes write side by side; the schema's unique indexes and row locks keep them apart.
/// </summary>
public sealed class PostgresWriteQueue(PostgresDatabase database, IOptions<PostgresOptions> options, ILogger<PostgresWriteQueue> logger)
    : GroupCommitWriter<NpgsqlConnection, NpgsqlTransaction>(options.Value.MaxBatch, logger)
{
    protected override NpgsqlConnection OpenConnection() => database.Open();

    protected override NpgsqlTransaction Begin(NpgsqlConnection connection) => connection.BeginTransaction();
}
