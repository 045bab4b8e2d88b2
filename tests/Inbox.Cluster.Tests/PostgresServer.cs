using Inbox.Testing.Postgres;

namespace Inbox.Cluster.Tests;

/// <summary>One throwaway PostgreSQL server for the whole project; each test takes a database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private TemporaryPostgres? _server;

    public TemporaryPostgres Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public async Task InitializeAsync() => _server = await TemporaryPostgres.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
