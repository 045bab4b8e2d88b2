namespace Inbox.Connectors.Email;

/// <summary><c>Channels:Email:Smtp</c>: where operator replies are submitted. Sending is on when <see cref="Host"/> and <see cref="From"/> are set.</summary>
public sealed class EmailSmtpOptions
{
    public string? Host { get; set; }

    /// <summary>0 (default) means the usual port for <see cref="Security"/>: 465 for SslOnConnect, 587 otherwise.</summary>
    public int Port { get; set; }

    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>The login; when empty, mail is submitted without authentication (a relay that trusts this machine).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>Our address, with an optional display name: <c>Shop support &lt;support@shop.example&gt;</c>. Also the envelope sender, so bounces come back to it.</summary>
    public string? From { get; set; }

    public int EffectivePort => Port > 0 ? Port : Security == EmailSecurity.SslOnConnect ? 465 : 587;
}
