namespace Inbox.Silo.Tests;

/// <summary>The directory stores' suite on a fresh SQLite file per test.</summary>
public sealed class SqliteDirectoryStoreTests : DirectoryStoreTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();
}
