using MimeKit;

namespace Inbox.Connectors.Testing;

/// <summary>One mail a <see cref="FakeSmtpServer"/> accepted: the envelope and the DATA bytes (dot-stuffing undone).</summary>
public sealed record SmtpReceivedMail(string MailFrom, IReadOnlyList<string> Recipients, byte[] Data, string? AuthenticatedUser)
{
    public MimeMessage Parse() => MimeMessage.Load(new MemoryStream(Data));

    public string Text => System.Text.Encoding.UTF8.GetString(Data);
}
