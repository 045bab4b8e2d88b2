using Inbox.Silo.Storage.Postgres;
using Npgsql;

namespace Inbox.Silo.Tests;

public sealed class PostgresAutoPrepareTests
{
    [Fact]
    public void A_connection_string_without_a_word_on_it_gets_statements_prepared_after_two_runs()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresAutoPrepare.Apply("Host=db;Database=inbox;Username=inbox"));

        Assert.Equal((PostgresAutoPrepare.MaxStatements, PostgresAutoPrepare.MinUsages), (applied.MaxAutoPrepare, applied.AutoPrepareMinUsages));
        Assert.Equal(("db", "inbox"), (applied.Host, applied.Database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 5)] // turned off, as a PgBouncer in transaction mode may need
    [InlineData("Host=db;max auto prepare=20;Auto Prepare Min Usages=3", 20, 3)]
    [InlineData("Host=db;Auto Prepare Min Usages=4", PostgresAutoPrepare.MaxStatements, 4)]
    public void What_the_connection_string_says_is_kept(string connectionString, int maxStatements, int minUsages)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresAutoPrepare.Apply(connectionString));

        Assert.Equal((maxStatements, minUsages), (applied.MaxAutoPrepare, applied.AutoPrepareMinUsages));
    }
}
