using Inbox.Connectors.Email.Tests.Infrastructure;

namespace Inbox.Connectors.Email.Tests;

/// <summary>The IMAP server goes away in the middle of an IDLE (killed, as in a crash or a cut connection) and comes back.</summary>
public sealed class EmailReconnectTests : IAsyncLifetime
{
    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();
    private DovecotServer _server = null!;

    public async Task InitializeAsync() => _server = await DovecotServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_connection_drop_mid_idle_reconnects_with_backoff_and_loses_or_doubles_nothing()
    {
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(_server, _user, smtpPort: 9), _world);
        await using (var mailbox = await _server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(TestMail.Customer(1));
        }

        await _world.Pipeline.WaitForStoredAsync(1);
        await _world.Logs.WaitForAfterAsync("stored as m1@mail.example.ru", "Waiting for new mail in INBOX (IDLE)");

        await _server.KillAsync();
        await _world.Logs.WaitForAsync("reconnecting in", 3); // the receiver noticed, and keeps trying while the server is away
        await _server.StartProcessAsync();
        await using (var mailbox = await _server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(TestMail.Customer(2));
        }

        await _world.Pipeline.WaitForStoredAsync(2);
        Assert.Equal(["m1@mail.example.ru", "m2@mail.example.ru"], _world.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal(2, _world.Pipeline.Calls.Count);
        Assert.True(_world.Logs.Count("IMAP folder INBOX open") >= 2);
        // Back-off: the pauses double from 50 ms up to the 500 ms ceiling.
        Assert.Contains(_world.Logs.Lines, line => line.Contains("reconnecting in 00:00:00.1000000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_login_is_logged_clearly_and_retried()
    {
        var settings = EmailTestHost.Settings(_server, _user, smtpPort: 9);
        settings["Channels:Email:Imap:Password"] = "wrong";
        await using var host = await EmailTestHost.StartAsync(settings, _world);
        await _world.Logs.WaitForAsync("The IMAP server refused our login");
        Assert.Contains(_world.Logs.Lines, line => line.Contains("check Channels:Email:Imap:User and Password. Retrying in 00:00:00.0500000", StringComparison.Ordinal));
        Assert.Empty(_world.Pipeline.Calls);
    }
}
