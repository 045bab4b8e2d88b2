namespace Inbox.Silo.Tests;

/// <summary>The directory stores' suite on PostgreSQL, a fresh database per test on one throwaway server per class.</summary>
public sealed class PostgresDirectoryStoreTests(PostgresServer postgres) : DirectoryStoreTests, IClassFixture<PostgresServer>
{
    protected override async Task<TestStore> StartStoreAsync() =>
        await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());
}
