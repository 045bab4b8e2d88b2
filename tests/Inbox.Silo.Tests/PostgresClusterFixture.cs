using Inbox.Testing.Postgres;

namespace Inbox.Silo.Tests;

/// <summary>The test cluster with <c>Storage:Provider=Postgres</c>: its stores on a fresh database of a throwaway PostgreSQL server.</summary>
public sealed class PostgresClusterFixture : ClusterFixture
{
    private TemporaryPostgres? _server;

    protected override async Task ConfigureAsync(IDictionary<string, string?> properties)
    {
        _server = await TemporaryPostgres.StartAsync();
        properties["Storage:Provider"] = "Postgres";
        properties["ConnectionStrings:Postgres"] = await _server.CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "cluster-postgres";
}
