namespace Inbox.Web.Tests.Infrastructure;

/// <summary>One running Inbox shared by the tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public InboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InboxServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
