using Dapper;
using Inbox.Silo.Storage;
using Microsoft.Data.Sqlite;

namespace Inbox.Silo.Tests;

/// <summary>
/// The SQLite writer keeps each statement of the shared stores compiled and binds new values to it: what is stored is
/// still exactly what each write gave, however often its statement runs. A statement that changes rows, with plain values,
/// runs through SQLite's own interface; it answers and fails as Microsoft.Data.Sqlite's commands do.
/// </summary>
public sealed class SqliteWriterStatementTests
{
    private const string Upsert = "INSERT INTO cursors (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    [Fact]
    public async Task A_statement_run_again_stores_each_runs_values_long_texts_whole()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        var longText = new string('я', 5000) + "end"; // Dapper marks a text over 4,000 characters; it must not be cut

        // The same statement in one group and in the next, with values of different lengths.
        await Task.WhenAll(
            writer.WriteAsync((c, t) => c.Execute(Upsert, new { key = "a", value = "first" }, t)),
            writer.WriteAsync((c, t) => c.Execute(Upsert, new { key = "b", value = longText }, t)));
        await writer.WriteAsync((c, t) => c.Execute(Upsert, new { key = "a", value = "second" }, t));

        var rows = await writer.WriteAsync((c, t) => c.Query<(string Key, string Value)>("SELECT key, value FROM cursors WHERE key IN ('a', 'b') ORDER BY key", transaction: t).ToList());
        Assert.Equal([("a", "second"), ("b", longText)], rows);
    }

    [Fact]
    public async Task A_value_that_is_null_in_one_run_and_not_in_the_next_is_bound_each_time()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        await writer.WriteAsync((c, t) => c.Execute("CREATE TABLE holders (name TEXT PRIMARY KEY, owner TEXT NULL, until_ticks INTEGER NOT NULL)", transaction: t));
        const string insert = "INSERT INTO holders (name, owner, until_ticks) VALUES (@name, @owner, @until)";

        await writer.WriteAsync((c, t) => c.Execute(insert, new { name = "x", owner = (string?)"node-1", until = 5L }, t));
        await writer.WriteAsync((c, t) => c.Execute(insert, new { name = "y", owner = (string?)null, until = 6L }, t));
        await writer.WriteAsync((c, t) => c.Execute(insert, new { name = "z", owner = (string?)"node-3", until = 7L }, t));

        var rows = await writer.WriteAsync((c, t) => c.Query<(string Name, string? Owner, long Until)>("SELECT name, owner, until_ticks FROM holders ORDER BY name", transaction: t).ToList());
        Assert.Equal([("x", "node-1", 5L), ("y", null, 6L), ("z", "node-3", 7L)], rows);
    }

    [Fact]
    public async Task More_distinct_statements_than_are_kept_compiled_still_run()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;

        // Each text differs (as an IN list of another length would): past the cache's size they run uncached.
        for (var i = 0; i < 200; i++)
        {
            var key = $"k{i}";
            await writer.WriteAsync((c, t) => c.Execute($"INSERT INTO cursors (key, value) VALUES (@key, @value) /* {key} */", new { key, value = key }, t));
        }

        Assert.Equal(200L, await writer.WriteAsync((c, t) => c.ExecuteScalar<long>("SELECT COUNT(*) FROM cursors WHERE key LIKE 'k%'", transaction: t)));
    }

    [Fact]
    public async Task Each_write_answers_how_many_rows_it_changed_a_skipped_duplicate_none()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        const string once = "INSERT INTO cursors (key, value) VALUES (@key, @value) ON CONFLICT (key) DO NOTHING";

        var first = await writer.WriteAsync((c, t) => c.Execute(once, new { key = "dup", value = "first" }, t));
        var again = await writer.WriteAsync((c, t) => c.Execute(once, new { key = "dup", value = "second" }, t));
        var other = await writer.WriteAsync((c, t) => c.Execute(once, new { key = "dup-2", value = "other" }, t));
        var updated = await writer.WriteAsync((c, t) => c.Execute("UPDATE cursors SET value = @value WHERE key LIKE @like", new { value = "x", like = "dup%" }, t));
        var none = await writer.WriteAsync((c, t) => c.Execute("UPDATE cursors SET value = @value WHERE key = @key", new { value = "y", key = "absent" }, t));

        Assert.Equal((1, 0, 1, 2, 0), (first, again, other, updated, none));
        Assert.Equal("x", await writer.WriteAsync((c, t) => c.ExecuteScalar<string>("SELECT value FROM cursors WHERE key = 'dup'", transaction: t)));
    }

    [Fact]
    public async Task A_write_SQLite_refuses_fails_with_SQLites_error_and_the_statement_runs_again_afterwards()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        const string insert = "INSERT INTO cursors (key, value) VALUES (@key, @value)";
        await writer.WriteAsync((c, t) => c.Execute(insert, new { key = "taken", value = "1" }, t));

        var refused = await Assert.ThrowsAsync<SqliteException>(() => writer.WriteAsync((c, t) => c.Execute(insert, new { key = "taken", value = "2" }, t)));
        Assert.Equal(19, refused.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Contains("UNIQUE", refused.Message, StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync((c, t) => c.Execute(insert, new { key = "no-value" }, t)));
        Assert.Contains("@value", missing.Message, StringComparison.Ordinal);

        await writer.WriteAsync((c, t) => c.Execute(insert, new { key = "after", value = "3" }, t));
        var rows = await writer.WriteAsync((c, t) => c.Query<(string Key, string Value)>("SELECT key, value FROM cursors WHERE key IN ('taken', 'after', 'no-value') ORDER BY key", transaction: t).ToList());
        Assert.Equal([("after", "3"), ("taken", "1")], rows);
    }

    [Fact]
    public async Task Values_of_other_types_and_texts_of_several_statements_are_stored_as_Microsoft_Data_Sqlite_stores_them()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        await writer.WriteAsync((c, t) => c.Execute("CREATE TABLE kinds (name TEXT PRIMARY KEY, v ANY) STRICT", transaction: t));
        var values = new (string Name, object? Value)[]
        {
            ("text", "тест"), ("long", 1L << 40), ("int", 7), ("bool", true), ("double", 2.5), ("bytes", new byte[] { 1, 2, 3 }), ("null", null),
            ("guid", Guid.Parse("0b8a4f1e-0000-4000-8000-000000000001")), ("time", new DateTime(2026, 12, 5, 22, 0, 0, DateTimeKind.Utc)), ("decimal", 1.25m),
        };
        foreach (var (name, value) in values)
        {
            await writer.WriteAsync((c, t) => c.Execute("INSERT INTO kinds (name, v) VALUES (@name, @value)", new { name, value }, t));
        }

        // Several statements in one text, and the same rows written the usual way beside the writer, to compare with.
        await writer.WriteAsync((c, t) => c.Execute("INSERT INTO kinds (name, v) VALUES ('first', @a); INSERT INTO kinds (name, v) VALUES ('second', @b)", new { a = 1, b = 2 }, t));
        using (var usual = store.Database.OpenUnpooled())
        {
            foreach (var (name, value) in values)
            {
                usual.Execute("INSERT INTO kinds (name, v) VALUES (@name, @value)", new { name = "usual-" + name, value });
            }
        }

        var stored = await writer.WriteAsync((c, t) => c.Query<(string Name, string Type, string? Text)>(
            "SELECT name, typeof(v), CAST(v AS TEXT) FROM kinds ORDER BY name", transaction: t).ToDictionary(r => r.Name));
        foreach (var (name, _) in values)
        {
            Assert.Equal((stored["usual-" + name].Type, stored["usual-" + name].Text), (stored[name].Type, stored[name].Text));
        }

        Assert.Equal(("integer", "1"), (stored["first"].Type, stored["first"].Text));
        Assert.Equal(("integer", "2"), (stored["second"].Type, stored["second"].Text));
        Assert.Equal(("text", "тест"), (stored["text"].Type, stored["text"].Text));
    }

    [Fact]
    public async Task Closing_the_writer_closes_its_file_its_compiled_statements_included()
    {
        var store = await StoreFactory.StartAsync();
        try
        {
            IGroupCommit writer = store.Writer;
            for (var i = 0; i < 10; i++)
            {
                var key = $"close-{i}";
                await writer.WriteAsync((c, t) => c.Execute("INSERT INTO cursors (key, value) VALUES (@key, @value)", new { key, value = key }, t));
            }

            // The readers' idle connections closed, the writer's is the last one to the file.
            store.Database.Dispose();
            SqliteConnection.ClearAllPools();
            Assert.NotEqual(0, store.OpenHandlesOfFile());
            await store.Writer.DisposeAsync();

            // SQLite closes a connection only once its last statement is finalized: a statement left over would keep the file open.
            Assert.Equal(0, store.OpenHandlesOfFile());
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_command_disposed_twice_is_handed_out_once()
    {
        await using var store = await StoreFactory.StartAsync();
        IGroupCommit writer = store.Writer;
        var (first, second) = await writer.WriteAsync((c, t) =>
        {
            var command = c.CreateCommand();
            command.Dispose();
            command.Dispose();
            return (c.CreateCommand(), c.CreateCommand());
        });

        Assert.NotSame(first, second);
    }
}
