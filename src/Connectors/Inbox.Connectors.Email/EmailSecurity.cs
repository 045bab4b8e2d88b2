namespace Inbox.Connectors.Email;

/// <summary>How a connection to the mail server is secured (<c>Channels:Email:Imap:Security</c>, <c>Channels:Email:Smtp:Security</c>).</summary>
public enum EmailSecurity
{
    /// <summary>Plain text; only for a server on the same machine or a test server.</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS (required). SMTP submission on port 587, IMAP on 143.</summary>
    StartTls,

    /// <summary>TLS from the first byte: IMAP on 993, SMTP on 465.</summary>
    SslOnConnect,

    /// <summary>TLS on 993/465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}
