using System.Text;
using Inbox.Connectors.Email.Tests.Infrastructure;
using MimeKit;
using Inbox.Identity;

namespace Inbox.Connectors.Email.Tests;

/// <summary>
/// Operator replies over real SMTP (a small SMTP server on 127.0.0.1 that answers as real ones do): threading headers,
/// reply token, one "Re:", attachments, and how every kind of refusal maps to Retry or Failed.
/// </summary>
public sealed class EmailSendingTests : IAsyncLifetime
{
    private static readonly Guid ConversationId = Guid.Parse("5f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5");

    private readonly TestWorld _world = new();
    private readonly FakeSmtpServer _smtp = new();
    private EmailTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EmailTestHost.StartAsync(EmailTestHost.Settings(null, null, _smtp.Port), _world);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static OutboundMessage Reply(string text = "Ваш заказ 1048576 передан курьеру.", string to = "ivan@mail.example.ru", int attempt = 1,
        IReadOnlyList<OutboundAttachment>? attachments = null, Guid? messageId = null) =>
        new(messageId ?? Guid.Parse("0b9c2f4e-5d6a-47b8-a9c0-d1e2f3a4b5c6"), ConversationId, ChannelNames.Email,
            new ChannelIdentity(IdentityKinds.Email, to), text, attempt, DateTimeOffset.UtcNow, attachments);

    private void CustomerWrote(string subject = "RE: Re[2]: Ответ: Где мой заказ?", string references = "out-0@shop.example out-1@shop.example", string? replyTo = null)
    {
        var metadata = new Dictionary<string, string>
        {
            [EmailMetadataKeys.Subject] = subject,
            [EmailMetadataKeys.MessageId] = "abc123@mail.example.ru",
            [EmailMetadataKeys.References] = references,
        };
        if (replyTo is not null)
        {
            metadata[EmailMetadataKeys.ReplyTo] = replyTo;
        }

        _world.History.Remember(ConversationId, new ThreadedMessage("abc123@mail.example.ru", "email:ivan@mail.example.ru", metadata, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_reply_carries_our_message_id_in_reply_to_references_one_re_and_the_reply_token()
    {
        CustomerWrote();

        var outcome = await _host.Sender.SendAsync(Reply(), CancellationToken.None);

        var sent = Assert.IsType<DeliveryOutcome.Sent>(outcome);
        Assert.Equal("inbox.0b9c2f4e5d6a47b8a9c0d1e2f3a4b5c6@shop.example", sent.ProviderMessageId);
        var received = Assert.Single(_smtp.Received);
        Assert.Equal("support@shop.example", received.MailFrom);
        Assert.Equal(["ivan@mail.example.ru"], received.Recipients);
        var headers = received.Parse().Headers;
        Assert.Equal("<inbox.0b9c2f4e5d6a47b8a9c0d1e2f3a4b5c6@shop.example>", headers[HeaderId.MessageId]);
        Assert.Equal("<abc123@mail.example.ru>", headers[HeaderId.InReplyTo]);
        Assert.Equal("<out-0@shop.example> <out-1@shop.example> <abc123@mail.example.ru>", headers[HeaderId.References]!.Trim());
        var mail = received.Parse();
        Assert.Equal("Re: Где мой заказ?", mail.Subject);
        Assert.Equal("Ваш заказ 1048576 передан курьеру.", mail.TextBody!.TrimEnd());
        Assert.Equal("\"Shop support\" <support@shop.example>", mail.From.ToString());
        var replyTo = Assert.Single(mail.ReplyTo.Mailboxes);
        Assert.True(EmailReplyToken.TryRead(replyTo.Address, "support@shop.example", out var conversation));
        Assert.Equal(ConversationId, conversation);
        Assert.Matches(@"^support\+c[a-z2-7]{26}@shop\.example$", replyTo.Address);
        Assert.Null(headers["Auto-Submitted"]);
        Assert.Contains((ConversationId, ChannelNames.Email), _world.History.Lookups);
    }

    [Fact]
    public async Task The_bots_reply_says_it_was_sent_automatically_so_no_autoresponder_answers_it()
    {
        CustomerWrote();

        Assert.IsType<DeliveryOutcome.Sent>(await _host.Sender.SendAsync(Reply() with { IsAutomated = true }, CancellationToken.None));

        Assert.Equal("auto-replied", Assert.Single(_smtp.Received).Parse().Headers["Auto-Submitted"]);
    }

    [Fact]
    public async Task A_retry_of_the_same_outbound_message_keeps_its_message_id()
    {
        CustomerWrote();
        var first = Assert.IsType<DeliveryOutcome.Sent>(await _host.Sender.SendAsync(Reply(attempt: 1), CancellationToken.None));
        var second = Assert.IsType<DeliveryOutcome.Sent>(await _host.Sender.SendAsync(Reply(attempt: 2), CancellationToken.None));
        Assert.Equal(first.ProviderMessageId, second.ProviderMessageId);
        Assert.Equal(2, _smtp.Received.Count);
        Assert.Single(_smtp.Received.Select(r => r.Parse().MessageId).Distinct());
    }

    [Fact]
    public async Task A_first_message_without_customer_mail_gets_the_default_subject_and_no_threading()
    {
        var outcome = await _host.Sender.SendAsync(Reply(to: "new@mail.example.ru"), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var mail = Assert.Single(_smtp.Received).Parse();
        Assert.Equal("Служба поддержки", mail.Subject);
        Assert.Null(mail.InReplyTo);
        Assert.Empty(mail.References);
        Assert.Equal(["new@mail.example.ru"], Assert.Single(_smtp.Received).Recipients);
    }

    [Fact]
    public async Task A_customer_who_named_a_reply_to_address_is_answered_there()
    {
        CustomerWrote(replyTo: "ivan.work@corp.example.ru");
        await _host.Sender.SendAsync(Reply(), CancellationToken.None);
        Assert.Equal(["ivan.work@corp.example.ru"], Assert.Single(_smtp.Received).Recipients);
    }

    [Fact]
    public async Task Attachments_go_out_with_their_names_and_bytes()
    {
        CustomerWrote();
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 invoice");
        var opened = 0;
        var attachment = new OutboundAttachment(Guid.NewGuid(), "Счёт 1048576.pdf", "application/pdf", pdf.Length, _ =>
        {
            Interlocked.Increment(ref opened);
            return Task.FromResult<Stream>(new MemoryStream(pdf));
        });

        var outcome = await _host.Sender.SendAsync(Reply(attachments: [attachment]), CancellationToken.None);

        Assert.IsType<DeliveryOutcome.Sent>(outcome);
        var mail = Assert.Single(_smtp.Received).Parse();
        var part = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("Счёт 1048576.pdf", part.FileName);
        Assert.Equal("application/pdf", part.ContentType.MimeType);
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        Assert.Equal(pdf, content.ToArray());
        Assert.Equal("Ваш заказ 1048576 передан курьеру.", mail.TextBody!.TrimEnd());
        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task A_temporary_refusal_of_the_recipient_is_retried()
    {
        _smtp.RcptReply = _ => "450 4.2.1 <ivan@mail.example.ru>: Mailbox busy, try later";
        var retry = Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.Contains("450", retry.Reason);
        Assert.Contains("Mailbox busy, try later", retry.Reason);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task An_unknown_recipient_is_a_permanent_failure_in_the_servers_words()
    {
        _smtp.RcptReply = address => $"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table";
        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.Equal("The mail server refused the recipient (550): 5.1.1 <ivan@mail.example.ru>: Recipient address rejected: User unknown in virtual mailbox table", failed.Reason);
        Assert.True(failed.RecipientUnreachable);
    }

    [Fact]
    public async Task A_policy_refusal_of_the_recipient_fails_without_calling_the_customer_unreachable()
    {
        _smtp.RcptReply = _ => "554 5.7.1 Relay access denied";
        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.Contains("Relay access denied", failed.Reason);
        Assert.False(failed.RecipientUnreachable);
    }

    [Fact]
    public async Task A_message_refused_after_data_with_5xx_fails_and_with_4xx_is_retried()
    {
        CustomerWrote();
        _smtp.DataReply = "552 5.3.4 Message size exceeds fixed limit";
        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.Equal("The mail server refused the message (552): 5.3.4 Message size exceeds fixed limit", failed.Reason);
        Assert.False(failed.RecipientUnreachable);

        _smtp.DataReply = "451 4.3.0 Temporary lookup failure";
        var retry = Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.Contains("451", retry.Reason);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_refused_sender_address_is_a_permanent_failure()
    {
        _smtp.MailFromReply = "553 5.7.1 <support@shop.example>: Sender address rejected: not owned by user";
        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.StartsWith("The mail server refused our sender address (553)", failed.Reason);
    }

    [Fact]
    public async Task A_server_that_is_shutting_down_or_drops_the_connection_gives_retry()
    {
        _smtp.GreetingReply = "421 4.3.2 Service shutting down";
        Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));

        _smtp.GreetingReply = "220 fake-smtp.test ESMTP ready";
        _smtp.DropAfter = "RCPT";
        Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));

        _smtp.DropAfter = "DATA-END";
        Assert.IsType<DeliveryOutcome.Retry>(await _host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_server_that_is_not_there_gives_retry()
    {
        var world = new TestWorld();
        var closedPort = _smtp.Port;
        await _smtp.DisposeAsync();
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(null, null, closedPort), world);
        var retry = Assert.IsType<DeliveryOutcome.Retry>(await host.Sender.SendAsync(Reply(), CancellationToken.None));
        Assert.StartsWith("The mail server could not be reached", retry.Reason);
    }

    [Fact]
    public async Task A_recipient_that_is_not_an_email_address_fails_without_a_connection()
    {
        var message = Reply() with { Recipient = new ChannelIdentity(IdentityKinds.Phone, "+79161234567") };
        var failed = Assert.IsType<DeliveryOutcome.Failed>(await _host.Sender.SendAsync(message, CancellationToken.None));
        Assert.True(failed.RecipientUnreachable);
        Assert.Equal(0, _smtp.Connections);
    }
}
