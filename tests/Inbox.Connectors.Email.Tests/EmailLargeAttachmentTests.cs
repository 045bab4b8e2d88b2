using Inbox.Connectors.Email.Tests.Infrastructure;
using MimeKit;

namespace Inbox.Connectors.Email.Tests;

/// <summary>
/// Attachments up to the cap are stored; larger ones are neither stored nor downloaded (the server's own byte count proves
/// it), and the message text says so. The 20 MB file is made here, never committed.
/// </summary>
public sealed class EmailLargeAttachmentTests(DovecotFixture dovecot) : IClassFixture<DovecotFixture>
{
    private const int Megabyte = 1024 * 1024;

    private readonly TestWorld _world = new();
    private readonly string _user = DovecotServer.NewUser();

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_20_MB_attachment_is_not_downloaded_nor_stored_and_the_text_says_so_while_a_3_MB_one_is_kept()
    {
        var small = RandomBytes(3 * Megabyte);
        var builder = new BodyBuilder { TextBody = "Фото и видео повреждённого товара." };
        builder.Attachments.Add("видео.mp4", RandomBytes(20 * Megabyte), new ContentType("video", "mp4"));
        builder.Attachments.Add("фото.jpg", small, new ContentType("image", "jpeg"));
        var mail = TestMail.Customer("big.1@mail.example.ru", "");
        mail.Body = builder.ToMessageBody();
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(mail);
        }

        await using (var host = await EmailTestHost.StartAsync(EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9), _world))
        {
            await _world.Pipeline.WaitForStoredAsync(1);
        }

        var message = _world.Pipeline.Single("big.1@mail.example.ru");
        Assert.Equal("Фото и видео повреждённого товара.\n\n[Attachment \"видео.mp4\" (20 MB) was not saved: it is larger than the 10 MB limit.]", message.Text);
        var kept = Assert.Single(message.Attachments!);
        Assert.Equal("фото.jpg", kept.FileName);
        Assert.Equal("image/jpeg", kept.ContentType);
        Assert.Equal(small, kept.Content);
        Assert.Equal("видео.mp4", message.Metadata![EmailMetadataKeys.OmittedAttachments]);

        // Dovecot logs how many bytes it sent in each session; the receiver's session (the larger of the two: the test's own
        // session only appended) must be far below the 27 MB the whole mail takes in base64.
        await Eventually.WaitUntilAsync(() => dovecot.Server.LogLines().Count(l => l.Contains($"imap({_user})", StringComparison.Ordinal) && l.Contains(" out=", StringComparison.Ordinal)) >= 2, "both sessions logged out");
        var sent = dovecot.Server.MaxBytesSentTo(_user);
        Assert.InRange(sent, 3 * Megabyte, 6 * Megabyte);
    }

    [Fact]
    public async Task The_cap_is_configurable_and_applies_to_mail_fetched_whole_too()
    {
        var builder = new BodyBuilder { TextBody = "Документы" };
        builder.Attachments.Add("скан.pdf", RandomBytes(300 * 1024), new ContentType("application", "pdf"));
        builder.Attachments.Add("note.txt", "маленький файл"u8.ToArray(), new ContentType("text", "plain"));
        var mail = TestMail.Customer("capped.1@mail.example.ru", "");
        mail.Body = builder.ToMessageBody();
        await using (var mailbox = await dovecot.Server.OpenMailboxAsync(_user))
        {
            await mailbox.AppendAsync(mail);
        }

        var settings = EmailTestHost.Settings(dovecot.Server, _user, smtpPort: 9);
        settings["Channels:Email:MaxAttachmentBytes"] = (100 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var host = await EmailTestHost.StartAsync(settings, _world))
        {
            await _world.Pipeline.WaitForStoredAsync(1);
        }

        var message = _world.Pipeline.Single("capped.1@mail.example.ru");
        Assert.Equal("Документы\n\n[Attachment \"скан.pdf\" (0.3 MB) was not saved: it is larger than the 0.1 MB limit.]", message.Text);
        var note = Assert.Single(message.Attachments!);
        Assert.Equal("note.txt", note.FileName);
        Assert.Equal("маленький файл", System.Text.Encoding.UTF8.GetString(note.Content));
    }
}
