using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store's one writer (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>) on one connection to the file:
/// each group is one transaction, one fsync with <c>synchronous=FULL</c>. The shared stores' statements are compiled once
/// (<see cref="PreparedStatementConnection"/>).
/// </summary>
public sealed class SqliteWriteQueue(SqliteDatabase database, IOptions<SqliteOptions> options, ILogger<SqliteWriteQueue> logger)
    : GroupCommitWriter<SqliteConnection, SqliteTransaction>(options.Value.MaxBatch, logger)
{
    private PreparedStatementConnection? _prepared;

    protected override SqliteConnection OpenConnection() => database.OpenWriter();

    protected override DbConnection ForSharedStores(SqliteConnection connection)
    {
        if (_prepared?.Inner != connection)
        {
            _prepared?.ForgetStatements();
            _prepared = new PreparedStatementConnection(connection);
        }

        return _prepared;
    }

    protected override SqliteTransaction Begin(SqliteConnection connection) => connection.BeginTransaction();
}
