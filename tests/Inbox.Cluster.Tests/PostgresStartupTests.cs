using System.Diagnostics;
using Inbox.Silo.Storage.Postgres;
using Inbox.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Inbox.Cluster.Tests;

/// <summary>A node that starts before PostgreSQL is reachable waits for it; what waiting cannot fix stops the start at once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStartupTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_store_waits_for_a_database_that_comes_up_later_and_then_creates_its_tables()
    {
        var database = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync());
        var laterPort = FreePort.Next();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = laterPort }.ConnectionString;

        var starting = Task.Run(() => new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString })));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(starting.IsCompleted, starting.Exception?.ToString());

        await using var relay = new TcpRelay(database.Port, laterPort); // the database is reachable from now on
        await using var store = await starting.WaitAsync(TimeSpan.FromSeconds(60));
        await using var connection = store.Open();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM inbox_schema", connection);
        Assert.True(Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_stops_the_start_at_once()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync()) { Database = "no_such_database" }.ConnectionString;
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<PostgresException>(() => new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString })));

        Assert.Equal("3D000", error.SqlState);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"gave up only after {clock.Elapsed}");
    }

    [Fact]
    public void A_database_still_unreachable_after_the_start_timeout_stops_the_start_with_the_setting_named()
    {
        var connectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = FreePort.Next(), Database = "inbox", Username = "inbox" }.ConnectionString;

        var error = Assert.Throws<InvalidOperationException>(() =>
            new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = connectionString, StartTimeout = TimeSpan.FromSeconds(2) })));

        Assert.Contains("Storage:Postgres:StartTimeout", error.Message);
        Assert.Contains("inbox", error.Message);
    }
}
