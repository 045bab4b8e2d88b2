using Inbox.Connectors.Email.Tests.Infrastructure;

namespace Inbox.Connectors.Email.Tests;

/// <summary>
/// Nothing read twice, nothing missed: the checkpoint (UIDVALIDITY and last UID) travels with each message into the store,
/// so a stop at any point, a store failure or a new UIDVALIDITY neither loses nor doubles mail. Against a real Dovecot.
/// </summary>
public sealed class EmailCheckpointTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();

    private string Key(string folder = "INBOX") => $"email:{_user}@127.0.0.1/{folder}";

    private async Task<uint> DeliverAsync(IEnumerable<int> numbers, string folder = "INBOX")
    {
        await using var mailbox = await dovecot.Server.OpenMailboxAsync(_user);
        foreach (var number in numbers)
        {
            await mailbox.AppendAsync(TestMail.Customer(number), folder);
        }

        return await mailbox.UidValidityAsync(folder);
    }

    private Task<EmailTestHost> StartAsync(string folder = "INBOX") =>
        EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9, folder), _world);

    private Task<EmailTestHost> StartFirstTimeAsync(int importExistingDays)
    {
        var settings = EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9);
        settings["Channels:Email:ImportExistingDays"] = importExistingDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return EmailTestHost.StartAsync(settings, _world);
    }

    [Fact]
    public async Task The_first_start_imports_none_of_the_mail_already_there_and_reads_what_comes_after()
    {
        var validity = await DeliverAsync([1, 2, 3]);

        await using var host = await StartFirstTimeAsync(importExistingDays: 0);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key()] == $"{validity}:3", "the checkpoint at UIDNEXT - 1");
        await DeliverAsync([4]);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key()] == $"{validity}:4", "the new mail checkpointed");

        Assert.Equal(["m4@mail.example.ru"], _world.Pipeline.Stored.Select(m => m.ExternalId));
    }

    [Fact]
    public async Task The_first_start_with_ImportExistingDays_imports_only_that_backlog()
    {
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            var monthAgo = DateTimeOffset.UtcNow.AddDays(-30);
            await mailbox.AppendAsync(TestMail.Customer(1), receivedAt: monthAgo);
            await mailbox.AppendAsync(TestMail.Customer(2), receivedAt: monthAgo.AddHours(1));
            await mailbox.AppendAsync(TestMail.Customer(3), receivedAt: DateTimeOffset.UtcNow.AddDays(-2));
            await mailbox.AppendAsync(TestMail.Customer(4));
        }

        var validity = await DeliverAsync([]);
        await using var host = await StartFirstTimeAsync(importExistingDays: 7);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key()] == $"{validity}:4", "the backlog checkpointed");

        Assert.Equal(["m3@mail.example.ru", "m4@mail.example.ru"], _world.Pipeline.Stored.Select(m => m.ExternalId));
    }

    [Fact]
    public async Task A_stop_in_the_middle_of_the_mailbox_loses_and_doubles_nothing()
    {
        var validity = await DeliverAsync(Enumerable.Range(1, 10));
        var reachedFifth = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Pipeline.BeforeAccept = async (message, cancellationToken) =>
        {
            if (message.ExternalId == "m5@mail.example.ru" && reachedFifth.TrySetResult())
            {
                // The process stops while the fifth message is on its way to the store.
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        };

        await using (await StartAsync())
        {
            await reachedFifth.Task.WaitAsync(Signal.MaxWait);
        }

        Assert.Equal(["m1", "m2", "m3", "m4"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        Assert.Equal($"{validity}:4", _world.Cursors[Key()]);

        await using (await StartAsync())
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[Key()] == $"{validity}:10", "all ten checkpointed");
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(n => $"m{n}@mail.example.ru"), _world.Pipeline.Stored.Select(m => m.ExternalId));
        Assert.Equal(0, _world.Pipeline.DuplicateAnswers);
        Assert.Equal(11, _world.Pipeline.Calls.Count); // the fifth was offered again: it had not been stored
    }

    [Fact]
    public async Task A_stop_right_after_a_message_is_stored_never_offers_it_again_even_without_seen()
    {
        var validity = await DeliverAsync(Enumerable.Range(1, 5));
        var storedThird = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Pipeline.AfterAccept = async (message, cancellationToken) =>
        {
            if (message.ExternalId == "m3@mail.example.ru" && storedThird.TrySetResult())
            {
                // Stored with its checkpoint, but the process stops before \Seen is set.
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        };

        await using (await StartAsync())
        {
            await storedThird.Task.WaitAsync(Signal.MaxWait);
        }

        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            Assert.False((await mailbox.FlagsAsync())[3].HasFlag(MailKit.MessageFlags.Seen));
        }

        await using (await StartAsync())
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[Key()] == $"{validity}:5", "all five checkpointed");
        }

        Assert.Equal(5, _world.Pipeline.Stored.Count);
        Assert.Equal(5, _world.Pipeline.Calls.Count);
        Assert.Equal(0, _world.Pipeline.DuplicateAnswers);
    }

    [Fact]
    public async Task A_failing_store_is_retried_and_the_mail_behind_it_waits()
    {
        var validity = await DeliverAsync([1, 2, 3]);
        var failures = 0;
        _world.Pipeline.BeforeAccept = (message, _) =>
            message.ExternalId == "m2@mail.example.ru" && Interlocked.Increment(ref failures) <= 2
                ? throw new InvalidOperationException("database is down")
                : Task.CompletedTask;

        await using (await StartAsync())
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[Key()] == $"{validity}:3", "all three checkpointed");
        }

        Assert.Equal(["m1", "m2", "m3"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        Assert.Equal(3, _world.Pipeline.Calls.Count(m => m.ExternalId == "m2@mail.example.ru"));
        Assert.Equal(0, _world.Pipeline.DuplicateAnswers);
        // The pause grows while the store keeps failing (50 ms, then 100 ms), instead of hammering it.
        var pauses = _world.Logs.Lines.Where(line => line.Contains("database is down", StringComparison.Ordinal)).Select(line => line[(line.IndexOf("reconnecting in ", StringComparison.Ordinal) + 16)..].Trim()).ToList();
        Assert.Equal(["00:00:00.0500000", "00:00:00.1000000"], pauses);
    }

    [Fact]
    public async Task A_uidvalidity_change_reads_the_folder_again_and_doubles_nothing()
    {
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.CreateFolderAsync("Support");
        }

        var oldValidity = await DeliverAsync([1, 2, 3], "Support");
        await using (await StartAsync("Support"))
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[Key("Support")] == $"{oldValidity}:3", "three checkpointed");
        }

        // The folder is recreated (as after a server migration or restore): the same mail gets new UIDs under a new UIDVALIDITY.
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.DeleteFolderAsync("Support");
            await mailbox.CreateFolderAsync("Support");
        }

        var newValidity = await DeliverAsync([1, 2, 3, 4], "Support");
        Assert.NotEqual(oldValidity, newValidity);

        await using (await StartAsync("Support"))
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[Key("Support")] == $"{newValidity}:4", "four checkpointed under the new UIDVALIDITY");
        }

        Assert.Equal(["m1", "m2", "m3", "m4"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        Assert.Equal(3, _world.Pipeline.DuplicateAnswers);
        Assert.Contains(_world.Logs.Lines, line => line.Contains($"UIDVALIDITY of Support changed from {oldValidity} to {newValidity}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_uidvalidity_change_while_the_receiver_watches_the_folder_doubles_nothing()
    {
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.CreateFolderAsync("Support");
        }

        var oldValidity = await DeliverAsync([1, 2], "Support");
        var clock = new ManualLongTimers();
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9, "Support"), _world, clock);
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key("Support")] == $"{oldValidity}:2", "two checkpointed");

        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.DeleteFolderAsync("Support");
            await mailbox.CreateFolderAsync("Support");
        }

        var newValidity = await DeliverAsync([1, 2, 3], "Support");
        // The server does not tell the watching session; the next IDLE renewal (at most 9 minutes later) selects the folder again.
        await clock.Changed.WaitUntilAsync(() => clock.Armed > 0, "an IDLE renewal timer");
        clock.FireLongTimers();
        await _world.Log.WaitUntilAsync(() => _world.Cursors[Key("Support")] == $"{newValidity}:3", "three checkpointed under the new UIDVALIDITY");
        Assert.Equal(["m1", "m2", "m3"], _world.Pipeline.Stored.Select(m => m.ExternalId.Split('@')[0]));
        Assert.Equal(2, _world.Pipeline.DuplicateAnswers);
    }
}
