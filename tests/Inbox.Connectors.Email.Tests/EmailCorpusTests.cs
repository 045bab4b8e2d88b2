using Inbox.Connectors.Email.Tests.Infrastructure;
using MailKit;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Inbox.Connectors.Email.Tests;

/// <summary>
/// The whole corpus of real-shaped mail, delivered into a real Dovecot mailbox and read by the receiver as the host runs it:
/// what lands on the timeline for each (identity, text, display text, subject, attachments, threading, automation), what
/// becomes a receipt instead, and that each is marked \Seen and checkpointed.
/// </summary>
public sealed class EmailCorpusTests(CorpusRun run) : IClassFixture<CorpusRun>
{
    private const string BouncedId = CorpusRun.BouncedId;
    private const string DelayedId = "inbox.1c0d3e5f6a7b48c9b0d1e2f3a4b5c6d7@shop.example";

    private InboundMessage Stored(string externalId) => run.World.Pipeline.Single(externalId);

    [Fact]
    public void Every_customer_mail_is_stored_once_and_bounces_are_not_stored()
    {
        // 3 delivery reports are no customer messages (two name mail of ours, one names none); one mail comes a second time.
        Assert.Equal(23, Corpus.Names.Count);
        Assert.Equal(Corpus.Names.Count - 3, run.World.Pipeline.Calls.Count);
        Assert.Equal(Corpus.Names.Count - 4, run.World.Pipeline.Stored.Count);
        Assert.Equal(1, run.World.Pipeline.DuplicateAnswers);
        Assert.Equal(2, run.World.Pipeline.Calls.Count(m => m.ExternalId == "cp1251-declared.1@mail.example.ru"));
        Assert.DoesNotContain(run.World.Pipeline.Calls, m => m.ExternalId.StartsWith("dsn-", StringComparison.Ordinal));
        Assert.DoesNotContain(run.World.Pipeline.Calls, m => m.From[0].Value.StartsWith("mailer-daemon@mx.", StringComparison.Ordinal) || m.From[0].Value.StartsWith("postmaster@", StringComparison.Ordinal));
        Assert.All(run.World.Pipeline.Stored, m => Assert.Equal(ChannelNames.Email, m.Channel));
    }

    [Fact]
    public async Task Every_mail_is_marked_seen_after_it_is_handled_and_the_checkpoint_is_the_last_uid()
    {
        await using var mailbox = await run.Server.OpenMailboxAsync(run.User);
        var flags = await mailbox.FlagsAsync();
        Assert.Equal(Corpus.Names.Count, flags.Count);
        Assert.All(flags.Values, f => Assert.True(f.HasFlag(MessageFlags.Seen)));
        Assert.Equal($"{run.Validity}:{Corpus.Names.Count}", run.World.Cursors[$"email:{run.User}@127.0.0.1/INBOX"]);
        // Every stored message carried the checkpoint of its own UID, in ascending order.
        var checkpoints = run.World.Pipeline.Calls.Select(m => uint.Parse(m.Checkpoint!.Value.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(checkpoints.Order().ToList(), checkpoints);
    }

    [Fact]
    public void Windows_1251_mail_decodes_and_the_identity_is_the_lower_case_address()
    {
        var message = Stored("cp1251-declared.1@mail.example.ru");
        Assert.Equal("email:ivan.petrov@mail.example.ru", message.From[0].ToString());
        Assert.Single(message.From);
        Assert.Equal("Иван Петров", message.SenderName);
        Assert.Equal("Здравствуйте! Где мой заказ 1048576?\nЖду уже неделю.", message.Text);
        Assert.Equal("Где мой заказ?", message.Metadata![EmailMetadataKeys.Subject]);
        Assert.Equal("cp1251-declared.1@mail.example.ru", message.Metadata[EmailMetadataKeys.MessageId]);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.FromHours(3)), message.SentAt);
        Assert.False(message.IsAutomated);
        Assert.Null(message.InReplyTo);
        Assert.Null(message.Attachments);
    }

    [Fact]
    public void Koi8_r_quoted_printable_mail_decodes()
    {
        var message = Stored("koi8r-qp.2@mail.example.ru");
        Assert.Equal("Добрый день. Прошу вернуть деньги за заказ 1048577.\nСпасибо.", message.Text);
        Assert.Equal("Возврат денег", message.Metadata![EmailMetadataKeys.Subject]);
        Assert.Equal("Мария", message.SenderName);
    }

    [Fact]
    public void Q_encoded_windows_1251_subject_and_quoted_printable_utf8_body_decode()
    {
        var message = Stored("q-subject.3@mail.example.ru");
        Assert.Equal("Иванов заказ", message.Metadata![EmailMetadataKeys.Subject]);
        Assert.Equal("Иван, спасибо — всё пришло!", message.Text);
    }

    [Fact]
    public void Undeclared_8_bit_windows_1251_headers_and_body_decode()
    {
        var message = Stored("undeclared.4@old-mailer.example.ru");
        Assert.Equal("Не работает оплата", message.Metadata![EmailMetadataKeys.Subject]);
        Assert.Equal("Сергей Иванов", message.SenderName);
        Assert.Equal("Пытаюсь оплатить заказ 1048578 картой, выдаёт ошибку.", message.Text);
    }

    [Fact]
    public void Html_only_mail_becomes_safe_text_keeping_link_text_and_the_quote_is_folded_for_display()
    {
        var message = Stored("html-only.5@mail.example.ru");
        Assert.StartsWith("Здравствуйте!\n\nКурьер не приехал, вот трек номер (https://track.example.ru/1048579).\n\nСпасибо,\nАнна", message.Text);
        Assert.Contains("Ваш заказ передан курьеру.", message.Text);
        foreach (var unsafeText in (string[])["alert", "color: red", "ignored title", "<p", "<script", "<div", "<br", "&nbsp;", "&lt;", "pixel.gif", "onerror"])
        {
            Assert.DoesNotContain(unsafeText, message.Text, StringComparison.Ordinal);
        }

        Assert.Equal("Здравствуйте!\n\nКурьер не приехал, вот трек номер (https://track.example.ru/1048579).\n\nСпасибо,\nАнна", message.Metadata![EmailMetadataKeys.Display]);
    }

    [Fact]
    public void A_forwarded_message_is_in_the_text_and_kept_as_an_eml_attachment()
    {
        var message = Stored("forwarded.6@mail.example.ru");
        Assert.StartsWith("Пересылаю письмо, которое мне пришло от вашего имени.\n\n---------- Forwarded message ----------\n", message.Text);
        Assert.Contains("From: \"Shop Security\" <security@fake-shop.example>", message.Text);
        Assert.Contains("Subject: Подтвердите код из SMS", message.Text);
        Assert.EndsWith("Назовите код из SMS оператору.", message.Text);
        var eml = Assert.Single(message.Attachments!);
        Assert.Equal("Подтвердите код из SMS.eml", eml.FileName);
        Assert.Equal("message/rfc822", eml.ContentType);
        Assert.Equal("scam.1@fake-shop.example", MimeMessage.Load(new MemoryStream(eml.Content)).MessageId);
        Assert.False(message.IsAutomated);
        Assert.Contains("Назовите код из SMS оператору.", message.Metadata![EmailMetadataKeys.Display]);
    }

    [Fact]
    public void A_bounce_marks_our_message_failed_with_the_servers_reason_and_a_delay_notice_changes_nothing()
    {
        var receipt = Assert.Single(run.World.Receipts.Receipts, r => r.ProviderMessageId == BouncedId);
        Assert.Equal(ChannelNames.Email, receipt.Channel);
        Assert.Equal(ReceiptStatus.Failed, receipt.Status);
        Assert.Equal("The email could not be delivered to nobody@mail.example.ru (status 5.1.1): 550 5.1.1 <nobody@mail.example.ru>: " +
            "Recipient address rejected: User unknown in virtual mailbox table", receipt.Reason);
        Assert.DoesNotContain(run.World.Receipts.Receipts, r => r.ProviderMessageId == DelayedId);
        Assert.Single(run.World.Receipts.Receipts);
    }

    [Theory]
    [InlineData("auto-reply.9@corp.example.ru", "Auto-Submitted: auto-replied")]
    [InlineData("ooo.10@mail.example.ru", "Precedence: auto_reply")]
    [InlineData("list.17@lists.example.ru", "a mailing list (List-Id)")]
    [InlineData("qmail.18@legacy.example.ru", "sent by MAILER-DAEMON")]
    [InlineData("inbox.3e2f5a7b8c9d40e1b2f3a4b5c6d7e8f9@shop.example", "sent from our own address (a mail loop)")]
    public void Auto_replies_lists_mailer_daemons_and_our_own_mail_are_stored_as_automated(string externalId, string reason)
    {
        var message = Stored(externalId);
        Assert.True(message.IsAutomated);
        Assert.Equal(reason, message.Metadata![EmailMetadataKeys.Automated]);
    }

    [Fact]
    public void An_auto_reply_still_names_the_message_it_answers()
    {
        var message = Stored("auto-reply.9@corp.example.ru");
        Assert.Equal(["inbox.2d1e4f6a7b8c49d0a1e2f3a4b5c6d7e8@shop.example"], message.InReplyTo);
    }

    [Theory]
    [InlineData("cp1251-declared.1@mail.example.ru")]
    [InlineData("koi8r-qp.2@mail.example.ru")]
    [InlineData("html-only.5@mail.example.ru")]
    [InlineData("forwarded.6@mail.example.ru")]
    [InlineData("outlook.16@corp.example.ru")]
    [InlineData("attachment.19@mail.example.ru")]
    public void Customer_mail_is_not_automated(string externalId) => Assert.False(Stored(externalId).IsAutomated);

    [Fact]
    public void A_mail_with_only_a_subject_shows_the_subject_as_its_text()
    {
        var message = Stored("subject-only.22@mail.example.ru");
        Assert.Equal("Перезвоните мне, заказ 1048581", message.Text);
        Assert.Equal("Перезвоните мне, заказ 1048581", message.Metadata![EmailMetadataKeys.Display]);
    }

    [Fact]
    public void Mail_without_a_message_id_gets_a_stable_hash_id()
    {
        var message = Assert.Single(run.World.Pipeline.Stored, m => m.ExternalId.StartsWith("hash:", StringComparison.Ordinal));
        Assert.Equal("Письмо без Message-ID.", message.Text);
        Assert.False(message.Metadata!.ContainsKey(EmailMetadataKeys.MessageId));
        // The same mail read again (another download, another parse) gets the same id, so it is recognised.
        var converter = new EmailInboundConverter(new EmailMimeReader(Options.Create(new EmailChannelOptions())), Options.Create(new EmailChannelOptions()), TimeProvider.System);
        var again = converter.Convert(EmailFetchedMail.Whole(new EmailMimeReader(Options.Create(new EmailChannelOptions())).Load(new MemoryStream(Corpus.Read("no-message-id.eml")))));
        Assert.Equal(message.ExternalId, Assert.IsType<EmailInboundItem.Message>(again).Inbound.ExternalId);
        Assert.Matches("^hash:[0-9a-f]{32}$", message.ExternalId);
    }

    [Fact]
    public void Broken_encoded_words_never_lose_the_mail()
    {
        var message = Stored("broken-words.12@mail.example.ru");
        Assert.Equal("Body survives.", message.Text);
        Assert.EndsWith("tail", message.Metadata![EmailMetadataKeys.Subject]);
        Assert.Equal("email:broken@mail.example.ru", message.From[0].ToString());
    }

    [Fact]
    public void An_unknown_charset_is_read_as_windows_1251()
    {
        Assert.Equal("Привет из неизвестной кодировки.", Stored("unknown-charset.13@mail.example.ru").Text);
    }

    [Fact]
    public void Garbage_in_reply_to_and_references_are_ignored()
    {
        var message = Stored("garbage.14@mail.example.ru");
        Assert.Null(message.InReplyTo);
        Assert.Equal("", message.Metadata![EmailMetadataKeys.References]);
        Assert.Equal("Still a message.", message.Text);
    }

    [Fact]
    public void Huge_references_are_cut_to_the_root_and_the_newest()
    {
        var message = Stored("huge-references.15@mail.example.ru");
        var references = message.Metadata![EmailMetadataKeys.References].Split(' ');
        Assert.Equal(EmailMessageIds.MaxReferences, references.Length);
        Assert.Equal("ref0@thread.example", references[0]);
        Assert.Equal("ref599@thread.example", references[^1]);
        Assert.Equal("ref598@thread.example", references[^2]);
        Assert.Equal("ref599@thread.example", message.InReplyTo![0]);
        Assert.Equal("ref598@thread.example", message.InReplyTo[1]);
        Assert.True(message.InReplyTo.Count <= EmailMessageIds.MaxReferences);
    }

    [Fact]
    public void An_outlook_reply_shows_only_the_new_text_and_keeps_the_full_text()
    {
        var message = Stored("outlook.16@corp.example.ru");
        Assert.Equal("Да, адрес верный.", message.Metadata![EmailMetadataKeys.Display]);
        Assert.Contains("Подтвердите адрес доставки.", message.Text);
        Assert.Equal("RE: Ответ: Заказ 1048580", message.Metadata[EmailMetadataKeys.Subject]);
    }

    [Fact]
    public void An_attachment_is_stored_with_its_windows_1251_file_name_and_the_signature_is_folded()
    {
        var message = Stored("attachment.19@mail.example.ru");
        var pdf = Assert.Single(message.Attachments!);
        Assert.Equal("Счет.pdf", pdf.FileName);
        Assert.Equal("application/pdf", pdf.ContentType);
        Assert.StartsWith("%PDF-1.4", System.Text.Encoding.ASCII.GetString(pdf.Content));
        Assert.Equal("Прикладываю счёт.", message.Metadata![EmailMetadataKeys.Display]);
        Assert.Contains("Роман, тел. +7 916 123-45-67", message.Text);
    }

    [Fact]
    public void Logs_never_carry_message_texts_subjects_or_customer_addresses()
    {
        var lines = run.World.Logs.Lines;
        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("Error", StringComparison.Ordinal));
        foreach (var secret in (string[])["Где мой заказ", "1048576", "Здравствуйте", "ivan.petrov@", "nobody@mail.example.ru", "Прикладываю"])
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
