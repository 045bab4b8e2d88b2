using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// Copies the embedded store's write-ahead log into the database file, off the writer's thread, and has the log started over.
/// SQLite would otherwise copy it inside whichever commit crosses 1,000 log pages (<c>wal_autocheckpoint</c>): that commit
/// then copies megabytes and flushes the file, and every message waiting behind it waits too. Connections open with
/// auto-checkpoint off (<see cref="SqliteDatabase"/>). Every <see cref="Interval"/> in which the writer committed anything,
/// this service copies what the log holds with PASSIVE checkpoints, which block neither the writer nor readers, until
/// little is left; it flushes the database file itself (<see cref="SqliteDatabase.FlushFile"/>: a PASSIVE checkpoint
/// that never reaches the log's end under load never does); then it asks the writer to copy the rest and start the log
/// over between two groups (<see cref="SqliteWriteQueue.RequestLogRestart"/>), so the log does not grow without end under
/// steady load. A commit's durability does not depend on any of it: the log is flushed at every commit
/// (<c>synchronous=FULL</c>), and SQLite replays it after a crash.
/// </summary>
public sealed class SqliteCheckpointer(SqliteDatabase database, SqliteWriteQueue writer, TimeProvider clock, ILogger<SqliteCheckpointer> logger)
    : BackgroundService
{
    /// <summary>
    /// How often the log is copied into the file. Short, so that each round has little to copy and flush: with a round a
    /// second, the commits of the 100 ms after each round were the slowest of the second (known customers at 3,000 and 3,500
    /// msg/s by hand); a round every 100 ms spreads that work (see docs/benchmark-rounds.md, thirteenth round).
    /// </summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Log pages left uncopied below which the writer is asked to copy the rest and start the log over (about 1 MiB).</summary>
    public const int RestartBelowPages = 256;

    /// <summary>PASSIVE passes per round before the log is left to the next one.</summary>
    private const int MaxPassivePasses = 6;

    /// <summary>Whether the last round failed: a failure is logged once, not ten times a second, and so is the recovery.</summary>
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        // The writer's transactions when a round last caught up with the log: an idle store is not checkpointed ten times a second.
        var caughtUpAt = -1L;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var committed = writer.TransactionsCommitted;
            if (committed != caughtUpAt && await Task.Run(Checkpoint, stoppingToken).ConfigureAwait(false))
            {
                caughtUpAt = committed;
            }
        }
    }

    /// <summary>
    /// One round: PASSIVE passes until at most <see cref="RestartBelowPages"/> are left, then the writer is asked to start the
    /// log over. Whether it got that far (false when the log kept ahead of it, or on an error: the next round tries again).
    /// </summary>
    public bool Checkpoint()
    {
        try
        {
            using var connection = database.OpenUnpooled();
            for (var pass = 0; pass < MaxPassivePasses; pass++)
            {
                var (_, logged, copied) = SqliteDatabase.Checkpoint(connection, "PASSIVE");
                if (logged - copied <= RestartBelowPages)
                {
                    // The pages copied reach the disk here, off the writer: the restart's own flush of the file then has only the
                    // pages logged since to write, not every page copied since the last restart (by hand 52-55 ms → 7 ms of the
                    // writer held, once a second under load, when rounds were a second apart). One flush a round: with a round
                    // every 100 ms, a second pass and flush for what the writer logged meanwhile cost throughput at full load
                    // (by hand 5,670 against 6,100 known msg/s, three runs each), as each flush of the file holds up the log's.
                    database.FlushFile();
                    logger.LogDebug("Checkpoint: {Copied} of {Logged} log pages copied; the writer starts the log over", copied, logged);
                    writer.RequestLogRestart();
                    if (_failing)
                    {
                        _failing = false;
                        logger.LogInformation("The write-ahead log is copied into the database file again");
                    }

                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            if (!_failing)
            {
                _failing = true;
                logger.LogWarning(ex, "Could not copy the write-ahead log into the database file; every next round tries again until one succeeds");
            }
        }

        return false;
    }
}
