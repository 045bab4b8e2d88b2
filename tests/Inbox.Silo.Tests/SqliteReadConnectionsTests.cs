using System.Data.Common;
using Dapper;
using Inbox.Silo.Storage;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Inbox.Silo.Tests;

/// <summary>
/// The stores read the embedded file through connections that are lent and given back (<see cref="SqliteReadConnections"/>),
/// each keeping the statements it compiled: a read run again finds its statement compiled, every read still answers with
/// what is stored, and no connection is in two readers' hands or left open after the store is done.
/// </summary>
public sealed class SqliteReadConnectionsTests
{
    private const string ReadCursor = "SELECT value FROM cursors WHERE key = @key";

    [Fact]
    public async Task A_read_run_again_finds_its_statement_compiled_on_the_connection_given_back()
    {
        await using var store = await StoreFactory.StartAsync();
        await store.Cursors.SetAsync("kept", "1");

        sqlite3 first;
        int compiled;
        await using (var connection = await store.Database.OpenAsync())
        {
            first = Handle(connection);
            Assert.Equal(0, StatementMemory(first));
            Assert.Equal("1", await connection.ExecuteScalarAsync<string>(ReadCursor, new { key = "kept" }));
            compiled = StatementMemory(first);
        }

        // Kept once the read is done (Microsoft.Data.Sqlite finalizes every statement of a command it disposes), and the read
        // run again on the connection given back uses it: no second statement is compiled.
        Assert.True(compiled > 0);
        Assert.Equal(compiled, StatementMemory(first));
        await store.Cursors.SetAsync("kept", "2");
        await using (var connection = await store.Database.OpenAsync())
        {
            Assert.Same(first, Handle(connection));
            Assert.Equal("2", await connection.ExecuteScalarAsync<string>(ReadCursor, new { key = "kept" }));
            Assert.Equal(compiled, StatementMemory(first));
        }
    }

    [Fact]
    public async Task A_connection_given_back_holds_no_read_of_the_log_so_the_log_can_start_over()
    {
        await using var store = await StoreFactory.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.Cursors.SetAsync($"log-{i}", "1");
        }

        // Reads that stop before their last row (a scalar of several rows, a reader left early), then given back.
        await using (var connection = await store.Database.OpenAsync())
        {
            Assert.NotNull(await connection.ExecuteScalarAsync<string>("SELECT key FROM cursors ORDER BY key"));
            await using var reader = await connection.ExecuteReaderAsync("SELECT key FROM cursors WHERE key LIKE 'log-%'");
            Assert.True(await reader.ReadAsync());
        }

        await store.Cursors.SetAsync("log-after", "1");
        using var checkpoint = store.Database.OpenUnpooled();
        var (busy, logged, copied) = SqliteDatabase.Checkpoint(checkpoint, "RESTART");
        Assert.False(busy);
        Assert.Equal(logged, copied);
    }

    [Fact]
    public async Task A_connection_closed_and_then_disposed_is_given_back_once_and_lent_to_one_reader_at_a_time()
    {
        await using var store = await StoreFactory.StartAsync();
        var connection = await store.Database.OpenAsync();
        var handle = Handle(connection);
        await connection.CloseAsync();
        await connection.DisposeAsync();
        connection.Dispose();

        await using var one = await store.Database.OpenAsync();
        await using var other = await store.Database.OpenAsync();
        Assert.Same(handle, Handle(one));
        Assert.NotSame(Handle(one), Handle(other));
    }

    [Fact]
    public async Task Reads_at_once_each_answer_with_their_own_rows_and_at_most_the_idle_limit_stay_open()
    {
        await using var store = await StoreFactory.StartAsync();
        const int readers = SqliteReadConnections.MaxIdle + 8;
        for (var i = 0; i < readers; i++)
        {
            await store.Cursors.SetAsync($"reader-{i}", $"value-{i}");
        }

        var lent = new List<DbConnection>();
        for (var i = 0; i < readers; i++)
        {
            lent.Add(await store.Database.OpenAsync());
        }

        var handles = lent.Select(Handle).ToList();
        Assert.Equal(readers, handles.Distinct().Count());
        var answers = await Task.WhenAll(lent.Select((connection, i) => Task.Run(async () =>
        {
            var read = new List<string?>();
            for (var round = 0; round < 20; round++)
            {
                read.Add(await connection.ExecuteScalarAsync<string>(ReadCursor, new { key = $"reader-{(i + round) % readers}" }));
            }

            return read;
        })));
        for (var i = 0; i < readers; i++)
        {
            Assert.Equal(Enumerable.Range(0, 20).Select(round => $"value-{(i + round) % readers}"), answers[i]);
        }

        foreach (var connection in lent)
        {
            await connection.DisposeAsync();
        }

        // The ones beyond the limit were closed when given back.
        Assert.Equal(SqliteReadConnections.MaxIdle, handles.Count(handle => !handle.IsClosed));
    }

    [Fact]
    public async Task A_connection_given_back_with_its_transaction_open_is_closed_and_the_store_goes_on()
    {
        await using var store = await StoreFactory.StartAsync();
        await store.Cursors.SetAsync("in-transaction", "before");
        var connection = await store.Database.OpenAsync();
        var handle = Handle(connection);
        var transaction = await connection.BeginTransactionAsync();
        Assert.Equal("before", await connection.ExecuteScalarAsync<string>(ReadCursor, new { key = "in-transaction" }, transaction));
        await connection.DisposeAsync(); // the reader forgot its transaction

        Assert.True(handle.IsClosed);
        await store.Cursors.SetAsync("in-transaction", "after");
        await using var next = await store.Database.OpenAsync();
        Assert.NotSame(handle, Handle(next));
        Assert.Equal("after", await next.ExecuteScalarAsync<string>(ReadCursor, new { key = "in-transaction" }));
    }

    [Fact]
    public async Task Disposing_the_database_closes_the_connections_kept_for_reads()
    {
        var store = await StoreFactory.StartAsync();
        try
        {
            await store.Cursors.SetAsync("closed", "1");
            var lent = new[] { await store.Database.OpenAsync(), await store.Database.OpenAsync() };
            foreach (var connection in lent)
            {
                Assert.Equal("1", await connection.ExecuteScalarAsync<string>(ReadCursor, new { key = "closed" }));
            }

            var handles = lent.Select(Handle).ToList();
            await lent[0].DisposeAsync();
            store.Database.Dispose();
            Assert.Equal([true, false], handles.Select(handle => handle.IsClosed));

            // One lent when the database was disposed is closed when it comes back; no read starts after.
            await lent[1].DisposeAsync();
            Assert.True(handles[1].IsClosed);
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.Database.OpenAsync());
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    private static sqlite3 Handle(DbConnection connection) => ((PreparedStatementConnection)connection).Inner.Handle!;

    /// <summary>The memory the connection's compiled statements take (<c>SQLITE_DBSTATUS_STMT_USED</c>): 0 when it holds none.</summary>
    private static int StatementMemory(sqlite3 handle)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_STMT_USED, out var current, out _, 0));
        return current;
    }
}
