using Inbox.Connectors.Testing;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;
using MimeKit;

namespace Inbox.Web.Tests;

/// <summary>
/// The email channel in the whole system, against a real Dovecot IMAP server and an SMTP receiver: a customer's mail
/// reaches the operator, the reply goes out threaded, and the customer's answer to it lands in the same conversation.
/// </summary>
public sealed class EmailEndToEndTests : IAsyncLifetime
{
    private DovecotServer _imap = null!;
    private FakeSmtpServer _smtp = null!;
    private InboxServer _server = null!;
    private string _mailbox = "";

    public async Task InitializeAsync()
    {
        _imap = await DovecotServer.StartAsync();
        _smtp = new FakeSmtpServer();
        _mailbox = DovecotServer.NewUser();
        _server = await InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Channels:Email:Imap:Host"] = _imap.Host,
            ["Channels:Email:Imap:Port"] = _imap.Port.ToString(),
            ["Channels:Email:Imap:Security"] = "None",
            ["Channels:Email:Imap:User"] = _mailbox,
            ["Channels:Email:Imap:Password"] = DovecotServer.Password,
            ["Channels:Email:Smtp:Host"] = "127.0.0.1",
            ["Channels:Email:Smtp:Port"] = _smtp.Port.ToString(),
            ["Channels:Email:Smtp:Security"] = "None",
            ["Channels:Email:Smtp:From"] = $"Shop support <{_mailbox}>",
            ["Channels:Email:PollSeconds"] = "1",
            ["Channels:Email:ImportExistingDays"] = "1", // mail appended before the receiver's first look is still read
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _smtp.DisposeAsync();
        await _imap.DisposeAsync();
    }

    [Fact]
    public async Task A_mail_reaches_the_operator_the_reply_is_threaded_and_the_answer_joins_the_conversation()
    {
        var customer = $"olga.{Guid.NewGuid():N}@example.ru";
        var first = new MimeMessage();
        first.From.Add(new MailboxAddress("Ольга", customer));
        first.To.Add(MailboxAddress.Parse(_mailbox));
        first.Subject = "Не пришёл заказ";
        first.MessageId = $"{Guid.NewGuid():N}@example.ru";
        first.Body = new TextPart("plain") { Text = "Здравствуйте! Заказ 1048576 так и не пришёл." };
        await using (var mailbox = await _imap.OpenMailboxAsync(_mailbox))
        {
            await mailbox.AppendAsync(first);
        }

        using var op = await _server.OperatorClientAsync("supervisor");
        var list = await InboxApi.EventuallyAsync(() => op.ConversationsAsync("?limit=200"),
            l => l.Items.Any(i => i.Conversation.LastInboundIdentity == $"email:{customer}"));
        var conversationId = Assert.Single(list.Items, i => i.Conversation.LastInboundIdentity == $"email:{customer}").Conversation.ConversationId;
        var inbound = Assert.Single((await op.ConversationAsync(conversationId)).Messages);
        Assert.Contains("Заказ 1048576 так и не пришёл", inbound.Text);
        Assert.Equal("Ольга", (await op.ConversationAsync(conversationId)).Customer!.Name);

        var reply = await op.ReplyAsync(conversationId, "Проверили: заказ передан в доставку.");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        var sent = Assert.Single(_smtp.Received).Parse();
        Assert.Equal("Re: Не пришёл заказ", sent.Subject);
        Assert.Equal(first.MessageId, sent.InReplyTo);
        Assert.Equal(customer, Assert.Single(sent.To.Mailboxes).Address);

        // The customer answers from another address of hers, as a reply to ours.
        var answer = new MimeMessage();
        answer.From.Add(MailboxAddress.Parse($"work.{customer}"));
        answer.To.Add(MailboxAddress.Parse(_mailbox));
        answer.Subject = sent.Subject ?? "";
        answer.InReplyTo = sent.MessageId!;
        answer.References.Add(first.MessageId);
        answer.References.Add(sent.MessageId!);
        answer.Body = new TextPart("plain") { Text = "Спасибо, жду." };
        await using (var mailbox = await _imap.OpenMailboxAsync(_mailbox))
        {
            await mailbox.AppendAsync(answer);
        }

        var thread = await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId), d => d.Messages.Count(m => m.Kind == MessageKind.Inbound) == 2);
        Assert.Contains(thread.Messages, m => m.Kind == MessageKind.Inbound && m.Text.Contains("Спасибо, жду."));
        Assert.Contains($"email:work.{customer}", thread.Customer!.Identities.Select(i => i.ToString()));
    }
}
