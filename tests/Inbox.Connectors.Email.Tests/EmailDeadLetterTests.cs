using System.Globalization;
using System.Text.Json;
using Inbox.Connectors.Email.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors.Email.Tests;

/// <summary>
/// One bad mail does not stall the folder (issue 12, item 4): a mail whose FETCH a real Dovecot refuses is tried
/// <c>MaxAttemptsPerMessage</c> times, counted durably, then skipped onto the dead-letter list shown in the health report,
/// and the mail behind it still arrives.
/// </summary>
public sealed class EmailDeadLetterTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();

    private string Key => $"email:{_user}@127.0.0.1/INBOX";

    private async Task<uint> DeliverAsync(params int[] numbers)
    {
        await using var mailbox = await dovecot.Server.OpenMailboxAsync(_user);
        foreach (var number in numbers)
        {
            await mailbox.AppendAsync(TestMail.Customer(number));
        }

        return await mailbox.UidValidityAsync();
    }

    /// <summary>
    /// Takes Dovecot's read permission away from the stored file of mail <paramref name="number"/> (Maildir): its FETCH then
    /// fails on the server, which answers NO, exactly as with a damaged message file.
    /// </summary>
    private void MakeUnreadable(int number)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The test Dovecot runs on Linux.");
        }

        var mailbox = Path.Combine(dovecot.Server.Root, "mail", _user);
        var file = Directory.EnumerateFiles(mailbox, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) is "cur" or "new")
            .Single(f => File.ReadAllText(f).Contains($"<m{number}@mail.example.ru>", StringComparison.Ordinal));
        File.SetUnixFileMode(file, UnixFileMode.None);
    }

    private Task<EmailTestHost> StartAsync(int maxAttempts, TimeSpan? reconnectDelay = null)
    {
        var settings = EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9);
        settings["Channels:Email:MaxAttemptsPerMessage"] = maxAttempts.ToString(CultureInfo.InvariantCulture);
        if (reconnectDelay is { } delay)
        {
            settings["Channels:Email:ReconnectDelay"] = delay.ToString("c", CultureInfo.InvariantCulture);
            settings["Channels:Email:ReconnectMaxDelay"] = delay.ToString("c", CultureInfo.InvariantCulture);
        }

        return EmailTestHost.StartAsync(settings, _world);
    }

    private List<EmailDeadLetter> DeadLetters() =>
        JsonSerializer.Deserialize<List<EmailDeadLetter>>(_world.Cursors[EmailDeadLetterStore.DeadLettersKey(Key)] ?? "[]", JsonSerializerOptions.Web)!;

    private EmailMessageAttempts? Attempts() =>
        _world.Cursors[EmailDeadLetterStore.AttemptsKey(Key)] is { } stored ? JsonSerializer.Deserialize<EmailMessageAttempts>(stored, JsonSerializerOptions.Web) : null;

    [Fact]
    public async Task A_mail_whose_fetch_the_server_refuses_is_skipped_after_three_tries_and_the_next_one_still_arrives()
    {
        var validity = await DeliverAsync(1, 2, 3);
        MakeUnreadable(2);

        await using var host = await StartAsync(maxAttempts: 3);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key] == $"{validity}:3", "the checkpoint past the bad mail");

        Assert.Equal(["m1", "m3"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        var letter = Assert.Single(DeadLetters());
        Assert.Equal((2u, validity, "INBOX"), (letter.Uid, letter.UidValidity, letter.Folder));
        Assert.Contains("FETCH", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _world.Logs.Count("could not be read (try"));
        Assert.Equal(1, _world.Logs.Count("skipped after 3 failed tries"));
        Assert.Equal(0, _world.Logs.Count("ServiceNotConnectedException"));

        var report = host.Services.GetRequiredKeyedService<ConnectorHealth>(ChannelNames.Email).Report();
        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Contains($"UID 2 (UIDVALIDITY {validity}) in INBOX", report.Description, StringComparison.Ordinal);
        Assert.Contains("UID 2", Assert.Single((string[])report.Data["deadLetters"]), StringComparison.Ordinal);

        // New mail still flows behind it.
        await DeliverAsync(4);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key] == $"{validity}:4", "the next mail");
        Assert.Equal(["m1", "m3", "m4"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
    }

    [Fact]
    public async Task Tries_survive_restarts_and_the_dead_letters_show_again_after_one()
    {
        var validity = await DeliverAsync(1, 2, 3);
        MakeUnreadable(2);
        var slow = TimeSpan.FromMinutes(10); // one try per run of the process: only the durable count can reach two

        await using (await StartAsync(maxAttempts: 2, slow))
        {
            // m1 is read; the batch behind it breaks the session (whose mail is to blame is not known yet).
            await _world.Logs.WaitForAsync("Email receiving interrupted");
        }

        Assert.Equal(["m1"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        await using (await StartAsync(maxAttempts: 2, slow))
        {
            await _world.Log.WaitUntilAsync(() => Attempts() is { Uid: 2, Count: 1, LastProblem: not null }, "the first try on UID 2 counted");
        }

        await using (await StartAsync(maxAttempts: 2))
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[Key] == $"{validity}:3", "the bad mail skipped on the next run");
        }

        // The third run's first try was the second in all: it gave up at once, with the try of the run before counted.
        Assert.Equal(1, _world.Logs.Count("could not be read (try 1 of 2"));
        Assert.Equal(1, _world.Logs.Count("skipped after 2 failed tries"));

        Assert.Equal(["m1", "m3"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        await using var third = await StartAsync(maxAttempts: 2);
        await Eventually.WaitUntilAsync(
            () => third.Services.GetRequiredKeyedService<ConnectorHealth>(ChannelNames.Email).Report().Status == HealthStatus.Degraded,
            "the stored dead letter in the health report after a restart");
    }

    [Fact]
    public async Task A_mail_the_process_crashed_on_as_often_as_allowed_is_skipped_without_reading_it()
    {
        var validity = await DeliverAsync(1, 2, 3);
        // As a process that died reading UID 2 three times leaves it: the checkpoint before it, three tries, no problem caught.
        _world.Cursors.Set(Key, $"{validity}:1");
        _world.Cursors.Set(EmailDeadLetterStore.AttemptsKey(Key), JsonSerializer.Serialize(new EmailMessageAttempts(validity, 2, 3, null), JsonSerializerOptions.Web));

        await using var host = await StartAsync(maxAttempts: 3);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key] == $"{validity}:3", "the checkpoint past the mail");

        Assert.Equal(["m3"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        Assert.Equal("the process stopped while reading it", Assert.Single(DeadLetters()).Reason);
    }

    [Fact]
    public async Task A_failing_store_does_not_count_against_the_mail()
    {
        var validity = await DeliverAsync(1);
        var failures = 0;
        _world.Pipeline.BeforeAccept = (_, _) => Interlocked.Increment(ref failures) <= 4 ? throw new InvalidOperationException("database is down") : Task.CompletedTask;

        await using var host = await StartAsync(maxAttempts: 2);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key] == $"{validity}:1", "the mail stored once the store is back");

        Assert.Equal(["m1"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        Assert.Empty(DeadLetters());
    }
}
