using Inbox.Testing.Postgres;

namespace Inbox.Silo.Tests;

/// <summary>A throwaway PostgreSQL server for one test class; each test takes a fresh database of it.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private TemporaryPostgres? _server;

    public TemporaryPostgres Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await TemporaryPostgres.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
