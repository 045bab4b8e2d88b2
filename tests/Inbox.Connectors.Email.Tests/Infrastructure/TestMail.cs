using MimeKit;

namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>Plain customer mail for tests that are about delivery, not content.</summary>
public static class TestMail
{
    public static MimeMessage Customer(int number, string from = "customer@mail.example.ru") => Customer($"m{number}@mail.example.ru", $"Message {number}", from);

    public static MimeMessage Customer(string messageId, string text, string from = "customer@mail.example.ru", string subject = "Order question")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Customer", from));
        message.To.Add(new MailboxAddress("Shop", "support@shop.example"));
        message.Subject = subject;
        message.MessageId = messageId;
        message.Date = new DateTimeOffset(2024, 3, 4, 10, 0, 0, TimeSpan.FromHours(3));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }
}
