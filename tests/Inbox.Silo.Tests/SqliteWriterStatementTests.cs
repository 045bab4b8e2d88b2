using Dapper;
using Inbox.Silo.Storage;

namespace Inbox.Silo.Tests;

/// <summary>
/// The SQLite writer keeps each statement of the shared stores compiled and binds new values to it: what is stored is
/// still exactly what each write gave, however often its statement runs.
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
}
