using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// Copies the embedded store's write-ahead log into the database file, off the writer's thread. SQLite would otherwise do
/// it inside whichever commit crosses 1,000 log pages (<c>wal_autocheckpoint</c>): that commit then copies megabytes and
/// flushes the file, and every message waiting behind it waits too. Connections open with auto-checkpoint off
/// (<see cref="SqliteDatabase"/>); this service runs a PASSIVE checkpoint every <see cref="Interval"/> on a connection of
/// its own, which never blocks the writer or a reader. A commit's durability does not depend on it: the log is flushed at
/// every commit (<c>synchronous=FULL</c>), and SQLite replays it after a crash.
/// </summary>
public sealed class SqliteCheckpointer(SqliteDatabase database, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>How often the log is copied into the file.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Run(Checkpoint, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One PASSIVE checkpoint: copies what it can now; the log file restarts from its beginning once all is copied.</summary>
    public void Checkpoint()
    {
        try
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = command.ExecuteReader();
            if (reader.Read() && logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Checkpoint: {Copied} of {Logged} log pages copied into the database file", reader.GetInt64(2), reader.GetInt64(1));
            }
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            logger.LogWarning(ex, "Could not copy the write-ahead log into the database file; the next checkpoint tries again");
        }
    }
}
