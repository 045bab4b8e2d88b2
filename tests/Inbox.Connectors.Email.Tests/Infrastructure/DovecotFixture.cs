namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>One Dovecot with IDLE for a test class; tests use their own users (mailboxes) on it.</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    private DovecotServer? _server;

    public DovecotServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await DovecotServer.StartAsync(idle: true);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
