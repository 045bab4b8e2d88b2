namespace Inbox.Silo.Tests;

/// <summary>The message store's suite on a fresh SQLite file per test.</summary>
public sealed class SqliteMessageStoreTests : MessageStoreTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();
}
