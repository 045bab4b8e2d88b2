namespace Inbox.Silo.Tests;

/// <summary>The teams' suite on a fresh SQLite file per test.</summary>
public sealed class SqliteTeamStoreTests : TeamStoreTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();
}
