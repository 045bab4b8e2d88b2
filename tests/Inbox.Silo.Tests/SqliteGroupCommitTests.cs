using Dapper;
using Inbox.Silo.Storage;

namespace Inbox.Silo.Tests;

/// <summary>
/// The SQLite writer commits the writes waiting together in one transaction: a write that throws is undone alone, whatever
/// it changed before it threw, and the others of its group are stored (the group runs again, each write in a savepoint).
/// Every group runs on the writer's own thread.
/// </summary>
public sealed class SqliteGroupCommitTests
{
    [Fact]
    public async Task A_write_that_throws_after_changing_many_pages_is_undone_alone_and_the_rest_of_its_group_is_stored()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        var filler = new string('x', 3000); // about a page per row, so the failing write changes many pages first

        var writes = Enumerable.Range(0, 40).Select(i => writer.WriteAsync((c, t) =>
        {
            c.Execute("INSERT INTO cursors (key, value) VALUES (@key, @value)", new { key = $"good-{i}", value = filler }, t);
            if (i == 20)
            {
                for (var page = 0; page < 200; page++)
                {
                    c.Execute("INSERT INTO cursors (key, value) VALUES (@key, @value)", new { key = $"bad-{page}", value = filler }, t);
                }

                c.Execute("UPDATE cursors SET value = 'changed' WHERE key LIKE 'good-%'", transaction: t);
                throw new InvalidOperationException("the write fails after its changes");
            }

            return i;
        })).ToList();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[20]);
        Assert.Equal("the write fails after its changes", failure.Message);
        await Task.WhenAll(writes.Where((_, i) => i != 20));

        var rows = await writer.WriteAsync((c, t) => c.Query<(string Key, string Value)>("SELECT key, value FROM cursors WHERE key LIKE 'good-%' OR key LIKE 'bad-%'", transaction: t).ToList());
        Assert.Equal(39, rows.Count);
        Assert.All(rows, row => Assert.Equal(filler, row.Value));
        Assert.DoesNotContain(rows, row => row.Key == "good-20" || row.Key.StartsWith("bad-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_writer_keeps_what_a_savepoint_would_restore_in_memory_not_in_a_temporary_file()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;

        // 2 is MEMORY: the statement journal of the group's savepoints is not written to a temporary file.
        Assert.Equal(2L, await writer.WriteAsync((c, t) => c.ExecuteScalar<long>("PRAGMA temp_store", transaction: t)));
    }

    [Fact]
    public async Task Every_group_runs_on_the_writers_own_thread_also_after_the_writer_waited_for_work()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;

        var seen = new List<(int Id, bool Pooled, string? Name)>();
        for (var group = 0; group < 5; group++)
        {
            // The writer has nothing to do between these writes: it waits, and must wake on its own thread, not as
            // thread-pool work queued behind the requests whose writes it commits.
            await Task.Delay(20);
            seen.Add(await writer.WriteAsync((_, _) => (Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name)));
        }

        Assert.All(seen, thread =>
        {
            Assert.False(thread.Pooled);
            Assert.Equal(GroupCommitWriter<Microsoft.Data.Sqlite.SqliteConnection, Microsoft.Data.Sqlite.SqliteTransaction>.WriterThreadName, thread.Name);
        });
        Assert.Single(seen.Select(thread => thread.Id).Distinct());
    }
}
