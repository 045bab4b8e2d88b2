using Inbox.Silo.Storage.Postgres;
using Npgsql;

namespace Inbox.Silo.Tests;

public sealed class PostgresPoolResetTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public void A_connection_string_without_a_word_on_it_returns_connections_to_the_pool_without_the_reset()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresPoolReset.Apply("Host=db;Database=inbox;Username=inbox;Max Auto Prepare=8"));

        Assert.True(applied.NoResetOnClose);
        Assert.Equal(("db", "inbox", 8), (applied.Host, applied.Database, applied.MaxAutoPrepare));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;noresetonclose=False")]
    public void What_the_connection_string_says_is_kept(string connectionString)
    {
        Assert.False(new NpgsqlConnectionStringBuilder(PostgresPoolReset.Apply(connectionString)).NoResetOnClose);
    }

    [Fact]
    public async Task The_stores_pool_is_made_with_it_and_a_connection_that_goes_back_leaves_no_transaction_open()
    {
        await using var database = new PostgresDatabase(Microsoft.Extensions.Options.Options.Create(
            new PostgresOptions { ConnectionString = await postgres.Server.CreateDatabaseAsync() }));
        Assert.True(new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString).NoResetOnClose);

        // A read that began a transaction and never ended it: the next use of the pooled connection is not inside it.
        await using (var first = database.Open())
        {
            await using var begin = new NpgsqlCommand("BEGIN; CREATE TEMP TABLE left_behind (x int) ON COMMIT DROP;", first);
            await begin.ExecuteNonQueryAsync();
        }

        await using var next = database.Open();
        await using var state = new NpgsqlCommand("SELECT to_regclass('pg_temp.left_behind') IS NULL", next);
        Assert.Equal(true, await state.ExecuteScalarAsync());
    }
}
