using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The embedded store's one writer (<see cref="GroupCommitWriter{TConnection, TTransaction}"/>) on one connection to the file:
/// each group is one transaction, one fsync with <c>synchronous=FULL</c>. The shared stores' statements are compiled once
/// (<see cref="PreparedStatementConnection"/>). Between two groups it starts the write-ahead log over when
/// <see cref="SqliteCheckpointer"/> asks (<see cref="RequestLogRestart"/>).
/// </summary>
public sealed class SqliteWriteQueue(SqliteDatabase database, IOptions<SqliteOptions> options, ILogger<SqliteWriteQueue> logger)
    : GroupCommitWriter<SqliteConnection, SqliteTransaction>(options.Value.MaxBatch, logger)
{
    /// <summary>Groups after which the writer tries to start the log over, once asked, before it leaves it to the next request.</summary>
    public const int RestartAttempts = 8;

    private PreparedStatementConnection? _prepared;
    private int _restartAttemptsLeft;
    private long _logRestarts;

    /// <summary>How many times the writer started the log over.</summary>
    public long LogRestarts => Interlocked.Read(ref _logRestarts);

    /// <summary>
    /// Asks the writer to start the log over after its next group (see <see cref="AfterGroup"/>): the checkpointer has copied
    /// nearly all of it into the file.
    /// </summary>
    public void RequestLogRestart() => Volatile.Write(ref _restartAttemptsLeft, RestartAttempts);

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

    /// <summary>
    /// A RESTART checkpoint on the writer's own connection, between groups, so it never waits for the writer's lock: it copies
    /// what the checkpointer left (a group's pages or so), flushes the file and starts the log over, a pause of a few
    /// milliseconds. It does not wait for readers either (no busy timeout): SQLite's busy handler sleeps 1, 2, 5, 10 ms and
    /// more between tries, and a RESTART run elsewhere held every write that long while a read was in flight. When a reader
    /// still reads from the log, it tries again after the next group, up to <see cref="RestartAttempts"/> groups.
    /// </summary>
    protected override void AfterGroup(SqliteConnection connection)
    {
        if (Volatile.Read(ref _restartAttemptsLeft) <= 0)
        {
            return;
        }

        Interlocked.Decrement(ref _restartAttemptsLeft);
        SqliteDatabase.Execute(connection, "PRAGMA busy_timeout=0;");
        try
        {
            if (!SqliteDatabase.Checkpoint(connection, "RESTART").Busy)
            {
                Volatile.Write(ref _restartAttemptsLeft, 0);
                Interlocked.Increment(ref _logRestarts);
            }
        }
        finally
        {
            SqliteDatabase.Execute(connection, $"PRAGMA busy_timeout={SqliteDatabase.BusyTimeoutMilliseconds};");
        }
    }
}
