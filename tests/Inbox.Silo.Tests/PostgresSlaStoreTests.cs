using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;

namespace Inbox.Silo.Tests;

/// <summary>The SLA suite on PostgreSQL, a fresh database per test on one throwaway server per class.</summary>
public sealed class PostgresSlaStoreTests(PostgresServer postgres) : SlaStoreTests, IClassFixture<PostgresServer>
{
    protected override async Task<TestStore> StartStoreAsync() =>
        await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());

    protected override ISlaStore CreateSlaStore()
    {
        var store = (PostgresStoreFactory)Store;
        return new PostgresSlaStore(store.Database, store.Writer);
    }
}
