using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store's one writer (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>) on one connection to the file:
/// each group is one transaction, one fsync with <c>synchronous=FULL</c>.
/// </summary>
public sealed class SqliteWriteQueue(SqliteDatabase database, IOptions<SqliteOptions> options, ILogger<SqliteWriteQueue> logger)
    : GroupCommitWriter<SqliteConnection, SqliteTransaction>(options.Value.MaxBatch, logger)
{
    protected override SqliteConnection OpenConnection() => database.Open();

    protected override SqliteTransaction Begin(SqliteConnection connection) => connection.BeginTransaction();
}
