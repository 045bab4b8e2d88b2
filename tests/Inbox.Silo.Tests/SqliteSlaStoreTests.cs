using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Sqlite;

namespace Inbox.Silo.Tests;

/// <summary>The SLA suite on a fresh SQLite file per test.</summary>
public sealed class SqliteSlaStoreTests : SlaStoreTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();

    protected override ISlaStore CreateSlaStore()
    {
        var store = (StoreFactory)Store;
        return new SqliteSlaStore(store.Database, store.Writer);
    }
}
