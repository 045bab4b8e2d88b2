using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;

namespace Inbox.Silo.Tests;

/// <summary>The reports' read of the events on PostgreSQL, a fresh database per test on one throwaway server per class.</summary>
public sealed class PostgresEventHistoryTests(PostgresServer postgres) : EventHistoryTests, IClassFixture<PostgresServer>
{
    protected override async Task<TestStore> StartStoreAsync() =>
        await PostgresStoreFactory.StartAsync(await postgres.Server.CreateDatabaseAsync());

    protected override IEventHistory History => new PostgresEventHistory(((PostgresStoreFactory)Store).Database);
}
