using Inbox.Connectors.Email.Tests.Infrastructure;

namespace Inbox.Connectors.Email.Tests;

/// <summary>New mail while connected: IDLE, polling where the server has no IDLE, and recovery when the connection drops.</summary>
public sealed class EmailConnectionTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();

    [Fact]
    public async Task New_mail_arrives_through_idle_without_polling()
    {
        // Polling every 10 minutes: only IDLE can bring the mail within the test's 30 s.
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9), _world);
        await _world.Logs.WaitForAsync("IDLE True");
        await _world.Logs.WaitForAsync("after UID 0: 0 new message(s)");

        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(TestMail.Customer(1));
            await _world.Pipeline.WaitForStoredAsync(1);
            await mailbox.AppendAsync(TestMail.Customer(2));
            await _world.Pipeline.WaitForStoredAsync(2);
        }

        Assert.Equal(["m1@mail.example.ru", "m2@mail.example.ru"], _world.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal(1, _world.Logs.Count("IMAP folder INBOX open"));
    }

    [Fact]
    public async Task The_idle_is_renewed_before_the_server_drops_it_and_mail_still_arrives()
    {
        var clock = new ManualLongTimers();
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9), _world, clock);
        await _world.Logs.WaitForAsync("after UID 0: 0 new message(s)");

        await clock.Changed.WaitUntilAsync(() => clock.Armed > 0, "an IDLE renewal timer");
        clock.FireLongTimers(); // nine minutes pass: the IDLE ends, the folder is selected again, a new IDLE starts
        await _world.Logs.WaitForAsync("after UID 0: 0 new message(s)", 2);
        await clock.Changed.WaitUntilAsync(() => clock.Armed > 0, "the next IDLE renewal timer");

        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(TestMail.Customer(1));
        }

        await _world.Pipeline.WaitForStoredAsync(1);
        Assert.Equal(1, _world.Logs.Count("IMAP folder INBOX open")); // renewed on the same connection
    }

    [Fact]
    public async Task A_store_that_is_slow_does_not_lose_mail_arriving_meanwhile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Pipeline.BeforeAccept = async (message, cancellationToken) =>
        {
            if (message.ExternalId == "m1@mail.example.ru")
            {
                holding.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            }
        };
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9), _world);
        await _world.Logs.WaitForAsync("after UID 0: 0 new message(s)");
        await using var mailbox = await dovecot.Server.OpenMailboxAsync(_user);
        await mailbox.AppendAsync(TestMail.Customer(1));
        await holding.Task.WaitAsync(Signal.MaxWait);
        await mailbox.AppendAsync(TestMail.Customer(2)); // arrives while the receiver is busy, not idling
        release.SetResult();

        await _world.Pipeline.WaitForStoredAsync(2);
        Assert.Equal(["m1@mail.example.ru", "m2@mail.example.ru"], _world.Pipeline.Stored.Select(m => m.ExternalId));
    }
}
