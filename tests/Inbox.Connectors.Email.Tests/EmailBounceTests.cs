using System.Text;
using Inbox.Connectors.Email.Tests.Infrastructure;

namespace Inbox.Connectors.Email.Tests;

/// <summary>Delivery status notifications never become customer messages, whether or not they name a message of ours.</summary>
public sealed class EmailBounceTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();

    private static byte[] Bounce(int number, string originalId) => Encoding.ASCII.GetBytes($"""
        Return-Path: <>
        From: MAILER-DAEMON@mx.mail.example.ru (Mail Delivery System)
        To: support@shop.example
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 04 Mar 2024 16:00:0{number % 10} +0300
        Message-ID: <storm.{number}@mx.mail.example.ru>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"

        --B
        Content-Type: text/plain

        Delivery failed.

        --B
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.mail.example.ru

        Final-Recipient: rfc822; gone{number}@mail.example.ru
        Action: failed
        Status: 5.2.1
        Diagnostic-Code: smtp; 550 5.2.1 Mailbox disabled

        --B
        Content-Type: text/rfc822-headers

        From: support@shop.example
        Message-ID: <{originalId}>

        --B--

        """.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    [Fact]
    public async Task A_bounce_storm_stores_nothing_marks_only_our_messages_failed_and_is_checkpointed()
    {
        const string ours = "inbox.9f8e7d6c5b4a39281706f5e4d3c2b1a0@shop.example";
        _world.Receipts.Know(ChannelNames.Email, ours);
        uint validity;
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            // Backscatter: bounces of mail we never sent (forged sender), and one about ours.
            for (var i = 1; i <= 30; i++)
            {
                await mailbox.AppendRawAsync(Bounce(i, i == 17 ? ours : $"forged.{i}@spam.example"));
            }

            await mailbox.AppendAsync(TestMail.Customer(1));
            validity = await mailbox.UidValidityAsync();
        }

        await using (await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9), _world))
        {
            await _world.Log.WaitUntilAsync(() => _world.Cursors[$"email:{_user}@127.0.0.1/INBOX"] == $"{validity}:31", "all 31 checkpointed");
            // \Seen is set after a mail's checkpoint (EmailImapReceiver), so the host runs until the last one is marked; stopping
            // it at the checkpoint could cut that off.
            await using var watched = await dovecot.Server.OpenMailboxAsync(_user);
            await Eventually.WaitUntilAsync(async () => (await watched.FlagsAsync()).Values.All(f => f.HasFlag(MailKit.MessageFlags.Seen)), "all 31 marked seen");
        }

        Assert.Equal("m1@mail.example.ru", Assert.Single(_world.Pipeline.Calls).ExternalId);
        var failed = Assert.Single(_world.Receipts.Receipts, r => r.ProviderMessageId == ours);
        Assert.Equal(ReceiptStatus.Failed, failed.Status);
        Assert.Equal("The email could not be delivered to gone17@mail.example.ru (status 5.2.1): 550 5.2.1 Mailbox disabled", failed.Reason);
        Assert.Equal(30, _world.Receipts.Receipts.Count); // each asked once; the forged ones are unknown to the host and dropped
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            Assert.All((await mailbox.FlagsAsync()).Values, flags => Assert.True(flags.HasFlag(MailKit.MessageFlags.Seen)));
        }
    }
}
