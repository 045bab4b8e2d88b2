namespace Inbox.Web.Tests.Infrastructure;

/// <summary>
/// One running Inbox with quick presence: an operator without a console is offline after a second, and a console connection
/// its node does not renew expires after two (the node renews every half second).
/// </summary>
public sealed class PresenceServerFixture : IAsyncLifetime
{
    public InboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InboxServer.StartAsync(new Dictionary<string, string?>
    {
        ["Routing:OfflineGrace"] = "00:00:01",
        ["Routing:ConnectionLifetime"] = "00:00:02",
    });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
