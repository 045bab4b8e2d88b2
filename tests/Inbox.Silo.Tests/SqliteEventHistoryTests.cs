using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Sqlite;

namespace Inbox.Silo.Tests;

/// <summary>The reports' read of the events on a fresh SQLite file per test.</summary>
public sealed class SqliteEventHistoryTests : EventHistoryTests
{
    protected override async Task<TestStore> StartStoreAsync() => await StoreFactory.StartAsync();

    protected override IEventHistory History => new SqliteEventHistory(((StoreFactory)Store).Database);
}
