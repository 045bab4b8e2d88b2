using Inbox.Connectors.Email.Tests.Infrastructure;

namespace Inbox.Connectors.Email.Tests;

/// <summary>A server without IDLE is polled; the highest UID that "n:*" always returns is never read twice.</summary>
public sealed class EmailPollingTests(DovecotWithoutIdleFixture dovecot) : IClassFixture<DovecotWithoutIdleFixture>
{
    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();

    private Dictionary<string, string?> Settings()
    {
        var settings = EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9);
        settings["Channels:Email:PollSeconds"] = "1";
        return settings;
    }

    [Fact]
    public async Task Without_idle_the_folder_is_polled_and_new_mail_arrives()
    {
        await using var host = await EmailTestHost.StartAsync(Settings(), _world);
        await _world.Logs.WaitForAsync("IDLE False");
        await _world.Logs.WaitForAsync("after UID 0: 0 new message(s)");

        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(TestMail.Customer(1));
        }

        await _world.Pipeline.WaitForStoredAsync(1);
        Assert.Equal("m1@mail.example.ru", Assert.Single(_world.Pipeline.Stored).ExternalId);
    }

    [Fact]
    public async Task The_highest_uid_that_the_server_returns_for_n_star_is_not_read_again()
    {
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(TestMail.Customer(1));
            await mailbox.AppendAsync(TestMail.Customer(2));
            // RFC 3501: "UID 3:*" matches the highest UID (2) even though it is below 3. The server really answers so.
            Assert.Equal([2u], (await mailbox.SearchFromAsync(3)).Select(uid => uid.Id));
        }

        await using var host = await EmailTestHost.StartAsync(Settings(), _world);
        await _world.Pipeline.WaitForStoredAsync(2);
        await _world.Logs.WaitForAsync("after UID 2: 0 new message(s)", 3);

        Assert.Equal(2, _world.Pipeline.Calls.Count);
        Assert.Equal(0, _world.Pipeline.DuplicateAnswers);
    }
}
