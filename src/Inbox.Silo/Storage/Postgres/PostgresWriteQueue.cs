using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Silo.Storage.Postgres;

/// <summary>
/// The PostgreSQL store's one writer per node (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>): each group is one transaction,
/// and only after its COMMIT returned is each write answered. The writer's connection commits with <c>synchronous_commit</c> at least
/// <c>on</c> (COMMIT returns once the WAL is flushed), whatever the server or database default says; a stronger setting
/// (<c>remote_write</c>, <c>remote_apply</c>) is kept. Nodes write side by side; the schema's unique indexes and row locks keep them apart.
/// The statements the group's writes gathered (<see cref="StoreStatements"/>) go as one <see cref="NpgsqlBatch"/>: one round trip
/// where each statement was one before (a known customer's message made two or three, a new customer's six).
/// </summary>
public sealed class PostgresWriteQueue(PostgresDatabase database, IOptions<PostgresOptions> options, ILogger<PostgresWriteQueue> logger)
    : GroupCommitWriter<NpgsqlConnection, NpgsqlTransaction>(options.Value.MaxBatch, logger)
{
    protected override NpgsqlConnection OpenConnection()
    {
        var connection = database.Open();
        try
        {
            using var command = new NpgsqlCommand(PostgresDatabase.DurableCommitSql(transactionOnly: false), connection);
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override NpgsqlTransaction Begin(NpgsqlConnection connection) => connection.BeginTransaction();

    protected override bool SendsStatementsTogether => true;

    protected override int[] ExecuteTogether(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<GatheredStatement> statements)
    {
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(PostgresBatchParameters.Command(statement.Sql, statement.Parameters));
        }

        batch.ExecuteNonQuery();
        var changed = new int[statements.Count];
        for (var i = 0; i < changed.Length; i++)
        {
            changed[i] = batch.BatchCommands[i].RecordsAffected;
        }

        return changed;
    }
}
