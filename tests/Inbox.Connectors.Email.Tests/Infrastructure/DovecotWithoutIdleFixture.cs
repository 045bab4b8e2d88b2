namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>One Dovecot that does not advertise IDLE (as some servers), for the polling tests.</summary>
public sealed class DovecotWithoutIdleFixture : IAsyncLifetime
{
    private DovecotServer? _server;

    public DovecotServer Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await DovecotServer.StartAsync(idle: false);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
