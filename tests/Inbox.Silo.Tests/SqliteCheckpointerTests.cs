using Inbox.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Silo.Tests;

/// <summary>
/// The write-ahead log is copied into the database file by the checkpointer, never inside a commit: commits that log far
/// more than SQLite's 1,000-page auto-checkpoint leave the file as it was; one checkpoint copies all of it, and the writer
/// starts the log over after its next group, unless a reader still reads from the log, which it never waits for.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Commits_leave_the_log_to_the_checkpointer_which_copies_it_into_the_file_and_the_writer_starts_it_over()
    {
        await using var store = await StoreFactory.StartAsync();
        // SQLite copies the log into the file when the last connection to it closes. Other test classes clear every
        // connection pool when they finish (in parallel with this one), which would close an idle pooled connection here and
        // copy the log behind the checkpointer's back; an unpooled connection held open throughout keeps that to the checkpointer.
        using var held = store.Database.OpenUnpooled();
        var before = new FileInfo(store.Database.FilePath).Length;

        // 1,500 commits of about a page each: about 6 MB of log, past the 1,000 pages where a commit would copy it.
        await WritePagesAsync(store, "checkpoint", 1500);

        Assert.Equal(before, new FileInfo(store.Database.FilePath).Length);
        Assert.True(new FileInfo(store.Database.FilePath + "-wal").Length > 6_000_000, "the commits were not logged");

        Checkpointer(store).Checkpoint();

        Assert.True(new FileInfo(store.Database.FilePath).Length > 6_000_000, $"the file holds {new FileInfo(store.Database.FilePath).Length} bytes after the checkpoint");
        Assert.Equal(1500L, Count(held, "checkpoint-%"));

        // The writer's next group starts the log over: a commit after it is written at the log's beginning.
        await store.Writer.WriteAsync((connection, transaction) => Insert(connection, transaction, "after-checkpoint"));
        await WaitForAsync(() => store.Writer.LogRestarts == 1);
        Assert.InRange(CommitAndReadLogEnd(held, "after-restart"), 1, 10);
    }

    [Fact]
    public async Task The_writer_does_not_wait_for_a_reader_still_reading_from_the_log_and_starts_it_over_once_it_is_done()
    {
        await using var store = await StoreFactory.StartAsync();
        using var held = store.Database.OpenUnpooled();
        await WritePagesAsync(store, "before-reader", 300);

        // A reader whose snapshot is in the log, still reading.
        using var reader = store.Database.OpenUnpooled();
        using var read = reader.BeginTransaction(deferred: true);
        Assert.Equal(300L, Count(reader, "before-reader-%"));

        Checkpointer(store).Checkpoint();
        // The writer tries after each of its next groups, and every write of them is stored while the reader reads.
        await WritePagesAsync(store, "beside-reader", SqliteWriteQueue.RestartAttempts + 2);
        Assert.Equal(0L, store.Writer.LogRestarts);
        Assert.Equal(SqliteWriteQueue.RestartAttempts + 2L, Count(held, "beside-reader-%"));

        read.Commit();
        Checkpointer(store).Checkpoint();
        await store.Writer.WriteAsync((connection, transaction) => Insert(connection, transaction, "after-reader"));
        await WaitForAsync(() => store.Writer.LogRestarts == 1);
        Assert.InRange(CommitAndReadLogEnd(held, "after-restart"), 1, 10);
    }

    [Fact]
    public async Task Running_as_a_service_it_copies_the_log_on_each_tick_of_its_clock_and_has_the_writer_start_it_over()
    {
        await using var store = await StoreFactory.StartAsync();
        using var held = store.Database.OpenUnpooled();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var service = new SqliteCheckpointer(store.Database, store.Writer, clock, NullLogger<SqliteCheckpointer>.Instance);
        await service.StartAsync(CancellationToken.None);
        var before = new FileInfo(store.Database.FilePath).Length;

        await WritePagesAsync(store, "ticked", 300);
        // No round before the clock ticks: the log holds every commit and the file is as it was.
        Assert.Equal(before, new FileInfo(store.Database.FilePath).Length);

        // The service starts its timer on a thread of its own (BackgroundService in .NET 10): a single tick could come before the
        // timer exists, and the timer's first tick would then never come. The clock ticks on until the round has run.
        await WaitForAsync(() =>
        {
            clock.Advance(SqliteCheckpointer.Interval);
            return new FileInfo(store.Database.FilePath).Length > before + 1_000_000;
        });
        // The writer starts the log over after a group that follows the round's request, unless a checkpoint runs at that
        // moment. A single write here could come before the request (the file grows while the round copies, before it flushes
        // the file and asks; on a busy machine the flush takes a while), or meet the round that the ticks above left pending
        // (a write ran since the first): the writer would then have no next group to try again after, and a full test run once
        // waited 30 s for a restart that could not come. As under load, the writer gets groups until it has started the log over.
        var deadline = DateTime.UtcNow + Patience;
        for (var i = 0; store.Writer.LogRestarts == 0; i++)
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer did not start the log over");
            var key = $"after-tick-{i}";
            await store.Writer.WriteAsync((connection, transaction) => Insert(connection, transaction, key));
            await Task.Delay(10);
        }

        Assert.InRange(CommitAndReadLogEnd(held, "after-restart"), 1, 10);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Flushing_the_file_keeps_one_handle_of_its_own_open_and_leaves_the_store_working()
    {
        await using var store = await StoreFactory.StartAsync();
        var sqlites = store.OpenHandlesOfFile();

        for (var i = 0; i < 100; i++)
        {
            store.Database.FlushFile();
        }

        // One handle of its own, kept open (closing one would drop SQLite's locks on the file), not one per flush.
        Assert.Equal(sqlites + 1, store.OpenHandlesOfFile());
        await WritePagesAsync(store, "after-flush", 3);
        using var connection = store.Database.OpenUnpooled();
        Assert.Equal(3L, Count(connection, "after-flush-%"));
    }

    [Fact]
    public async Task A_round_that_cannot_reach_the_file_is_logged_once_however_many_fail_and_so_is_the_recovery()
    {
        await using var store = await StoreFactory.StartAsync();
        await WritePagesAsync(store, "before-failure", 3);
        var logs = new RecordingLogger();
        var checkpointer = new SqliteCheckpointer(store.Database, store.Writer, TimeProvider.System, logs);
        var folder = Path.GetDirectoryName(store.Database.FilePath)!;

        // The folder moved away: a round cannot open the file (the store's open connections keep theirs).
        Directory.Move(folder, folder + "-away");
        try
        {
            for (var round = 0; round < 5; round++)
            {
                Assert.False(checkpointer.Checkpoint());
            }
        }
        finally
        {
            Directory.Move(folder + "-away", folder);
        }

        Assert.True(checkpointer.Checkpoint());
        Assert.True(checkpointer.Checkpoint());
        Assert.Equal([LogLevel.Warning, LogLevel.Information], logs.Entries.Where(e => e >= LogLevel.Information));
    }

    private static SqliteCheckpointer Checkpointer(StoreFactory store) =>
        new(store.Database, store.Writer, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);

    /// <summary>One group per write, each about a page.</summary>
    private static async Task WritePagesAsync(StoreFactory store, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var key = $"{prefix}-{i}";
            await store.Writer.WriteAsync((connection, transaction) => Insert(connection, transaction, key, new string('x', 4000)));
        }
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, string key, string value = "x")
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO cursors (key, value) VALUES ($key, $value)";
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$value", value);
        insert.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection, string like)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cursors WHERE key LIKE $like";
        count.Parameters.AddWithValue("$like", like);
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>Commits one small row and returns the number of frames the log then holds (its end).</summary>
    private static long CommitAndReadLogEnd(SqliteConnection connection, string key)
    {
        using var next = connection.CreateCommand();
        next.CommandText = "INSERT INTO cursors (key, value) VALUES ($key, 'x'); PRAGMA wal_checkpoint(PASSIVE);";
        next.Parameters.AddWithValue("$key", key);
        using var result = next.ExecuteReader();
        Assert.True(result.Read());
        return result.GetInt64(1);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the log was not copied into the file, or the writer did not start it over");
            await Task.Delay(10);
        }
    }

    /// <summary>The levels of what the checkpointer logs, in order.</summary>
    private sealed class RecordingLogger : ILogger<SqliteCheckpointer>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogLevel> _entries = new();

        public IEnumerable<LogLevel> Entries => _entries;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(logLevel);
    }
}
