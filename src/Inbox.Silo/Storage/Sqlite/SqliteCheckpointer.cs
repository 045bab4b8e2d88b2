using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// Copies the embedded store's write-ahead log into the database file, off the writer's thread, and starts the log over.
/// SQLite would otherwise copy it inside whichever commit crosses 1,000 log pages (<c>wal_autocheckpoint</c>): that commit
/// then copies megabytes and flushes the file, and every message waiting behind it waits too. Connections open with
/// auto-checkpoint off (<see cref="SqliteDatabase"/>). Every <see cref="Interval"/> this service copies what the log holds
/// with PASSIVE checkpoints, which block neither the writer nor readers, until little is left; then a RESTART checkpoint
/// copies the rest (the writer waits only for that rest) and the log starts over from its beginning, so it does not grow
/// without end under steady load. A commit's durability does not depend on any of it: the log is flushed at every commit
/// (<c>synchronous=FULL</c>), and SQLite replays it after a crash.
/// </summary>
public sealed class SqliteCheckpointer(SqliteDatabase database, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied into the file.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Log pages left uncopied that the RESTART checkpoint copies while the writer waits (about 1 MiB).</summary>
    public const int RestartBelowPages = 256;

    /// <summary>PASSIVE passes per round before the log is left to the next one.</summary>
    private const int MaxPassivePasses = 6;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Run(Checkpoint, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One round: PASSIVE passes until at most <see cref="RestartBelowPages"/> are left, then a RESTART.</summary>
    public void Checkpoint()
    {
        try
        {
            using var connection = database.OpenUnpooled();
            // The RESTART waits at most this long for the writer's lock and for readers; past it, it copies what it can and
            // the log starts over in a later round.
            Execute(connection, "PRAGMA busy_timeout=100;");
            for (var pass = 0; pass < MaxPassivePasses; pass++)
            {
                var (_, logged, copied) = Run(connection, "PASSIVE");
                if (logged - copied <= RestartBelowPages)
                {
                    var (busy, left, done) = Run(connection, "RESTART");
                    logger.LogDebug("Checkpoint: {Copied} of {Logged} log pages copied; the log {Restart}", done, left, busy ? "goes on" : "starts over");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            logger.LogWarning(ex, "Could not copy the write-ahead log into the database file; the next checkpoint tries again");
        }
    }

    private static (bool Busy, long Logged, long Copied) Run(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (true, 0, 0);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
