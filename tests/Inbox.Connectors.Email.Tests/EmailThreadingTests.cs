using Inbox.Connectors.Email.Tests.Infrastructure;
using MimeKit;
using Inbox.Identity;

namespace Inbox.Connectors.Email.Tests;

/// <summary>
/// A whole thread through real servers: the customer writes (Dovecot), the operator answers (SMTP), the customer answers the
/// answer from their mail client, and the operator answers again. Every reply lands in the one conversation: by
/// In-Reply-To/References, and by the reply token as the fallback; subjects never stack "Re:".
/// </summary>
public sealed class EmailThreadingTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>, IAsyncLifetime
{
    private static readonly Guid ConversationId = Guid.Parse("7d2f9a10-3b4c-4d5e-9f60-718293a4b5c6");

    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();
    private readonly FakeSmtpServer _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private static OutboundMessage Operator(string text) =>
        new(Guid.NewGuid(), ConversationId, ChannelNames.Email, new ChannelIdentity(IdentityKinds.Email, "ivan@mail.example.ru"), text, 1, DateTimeOffset.UtcNow);

    /// <summary>What a mail client sends when the customer presses Reply on our mail (To: our Reply-To, quoting it).</summary>
    private static MimeMessage CustomerAnswers(MimeMessage ours, string messageId, string text)
    {
        var answer = new MimeMessage();
        answer.From.Add(new MailboxAddress("Иван", "Ivan@Mail.Example.RU"));
        answer.To.AddRange(ours.ReplyTo);
        answer.Subject = "RE: " + ours.Subject;
        answer.MessageId = messageId;
        answer.InReplyTo = ours.MessageId;
        foreach (var reference in ours.References)
        {
            answer.References.Add(reference);
        }

        answer.References.Add(ours.MessageId!);
        answer.Date = DateTimeOffset.UtcNow;
        var quoted = string.Join("\n", ours.TextBody!.TrimEnd().Split('\n').Select(line => "> " + line));
        answer.Body = new TextPart("plain") { Text = $"{text}\n\nпн, 4 мар. 2024 г. в 18:00, Shop support <support@shop.example>:\n{quoted}\n" };
        return answer;
    }

    [Fact]
    public async Task A_thread_of_replies_stays_in_one_conversation_with_one_re_and_growing_references()
    {
        await using var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, _smtp.Port), _world);
        await using var mailbox = await dovecot.Server.OpenMailboxAsync(_user);

        // 1. The customer writes.
        await mailbox.AppendAsync(TestMail.Customer("first.1@mail.example.ru", "Где мой заказ 1048576?", "Ivan@Mail.Example.RU", "Где мой заказ?"));
        await _world.Pipeline.WaitForStoredAsync(1);
        var first = _world.Pipeline.Single("first.1@mail.example.ru");
        Assert.Null(first.InReplyTo);
        Assert.Null(first.ConversationHint);
        _world.History.Remember(ConversationId, first); // the host put it in the conversation

        // 2. The operator answers.
        var sentFirst = Assert.IsType<DeliveryOutcome.Sent>(await host.Sender.SendAsync(Operator("Заказ передан курьеру."), CancellationToken.None));
        var ours = Assert.Single(_smtp.Received).Parse();
        Assert.Equal(sentFirst.ProviderMessageId, ours.MessageId);
        Assert.Equal("first.1@mail.example.ru", ours.InReplyTo);
        Assert.Equal(["first.1@mail.example.ru"], ours.References);
        Assert.Equal("Re: Где мой заказ?", ours.Subject);
        Assert.Equal(["ivan@mail.example.ru"], _smtp.Received[0].Recipients);

        // 3. The customer answers our answer from their mail client.
        await mailbox.AppendAsync(CustomerAnswers(ours, "second.2@mail.example.ru", "Спасибо, а когда привезут?"));
        await _world.Pipeline.WaitForStoredAsync(2);
        var second = _world.Pipeline.Single("second.2@mail.example.ru");
        Assert.Equal(sentFirst.ProviderMessageId, second.InReplyTo![0]); // the host finds our outbound message by this id
        Assert.Equal(ConversationId, second.ConversationHint); // and the reply token names the conversation too
        Assert.Equal("email:ivan@mail.example.ru", second.From[0].ToString());
        Assert.Equal("Спасибо, а когда привезут?", second.Metadata![EmailMetadataKeys.Display]);
        Assert.Contains("> Заказ передан курьеру.", second.Text);
        Assert.False(second.IsAutomated);
        _world.History.Remember(ConversationId, second);

        // 4. The operator answers again: still one "Re:", references grow.
        var sentSecond = Assert.IsType<DeliveryOutcome.Sent>(await host.Sender.SendAsync(Operator("Завтра до 18:00."), CancellationToken.None));
        var oursAgain = _smtp.Received[1].Parse();
        Assert.Equal("Re: Где мой заказ?", oursAgain.Subject);
        Assert.Equal("second.2@mail.example.ru", oursAgain.InReplyTo);
        Assert.Equal(["first.1@mail.example.ru", sentFirst.ProviderMessageId!, "second.2@mail.example.ru"], oursAgain.References);
        Assert.NotEqual(sentFirst.ProviderMessageId, sentSecond.ProviderMessageId);
    }

    [Fact]
    public async Task A_reply_whose_client_dropped_the_threading_headers_is_still_matched_by_the_reply_token()
    {
        var token = EmailReplyToken.AddressFor("support@shop.example", ConversationId);
        var stripped = TestMail.Customer("stripped.1@mail.example.ru", "Ответ без заголовков", "ivan@mail.example.ru", "Заказ");
        stripped.To.Clear();
        stripped.To.Add(new MailboxAddress("Shop support", token.ToUpperInvariant())); // some servers upper-case addresses
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(stripped);
        }

        await using (await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, _smtp.Port), _world))
        {
            await _world.Pipeline.WaitForStoredAsync(1);
        }

        var message = _world.Pipeline.Single("stripped.1@mail.example.ru");
        Assert.Null(message.InReplyTo);
        Assert.Equal(ConversationId, message.ConversationHint);
    }
}
