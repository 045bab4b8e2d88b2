namespace Inbox.Silo.Tests;

/// <summary>The teams' suite on PostgreSQL, a fresh database per test on one throwaway server per class.</summary>
public sealed class PostgresTeamStoreTests(PostgresServer postgres) : TeamStoreTests, IClassFixture<PostgresServer>
{
    protected override async Task<TestStore> StartStoreAsync() =>
        await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
}
