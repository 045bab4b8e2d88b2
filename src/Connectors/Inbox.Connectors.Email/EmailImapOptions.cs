namespace Inbox.Connectors.Email;

/// <summary><c>Channels:Email:Imap</c>: the mailbox customers write to. Receiving is on when <see cref="Host"/> and <see cref="User"/> are set.</summary>
public sealed class EmailImapOptions
{
    public string? Host { get; set; }

    /// <summary>0 (default) means the usual port for <see cref="Security"/>: 993 for SslOnConnect, 143 otherwise.</summary>
    public int Port { get; set; }

    public EmailSecurity Security { get; set; } = EmailSecurity.SslOnConnect;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder read for new mail (default <c>INBOX</c>).</summary>
    public string Folder { get; set; } = "INBOX";

    public int EffectivePort => Port > 0 ? Port : Security == EmailSecurity.SslOnConnect ? 993 : 143;
}
