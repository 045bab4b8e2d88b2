namespace Inbox.Connectors.Email;

/// <summary><c>Channels:Email</c>: the email channel. Receiving and sending are switched on separately by their credentials.</summary>
public sealed class EmailChannelOptions
{
    public const string SectionName = "Channels:Email";

    public const long DefaultMaxAttachmentBytes = 10 * 1024 * 1024;

    public EmailImapOptions Imap { get; set; } = new();

    public EmailSmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// The base address of the Reply-To of our mail; a reply token is added as a plus-address
    /// (<c>support+c…@shop.example</c>), so the mailbox must accept subaddresses. Default: the <see cref="EmailSmtpOptions.From"/> address.
    /// </summary>
    public string? ReplyTo { get; set; }

    /// <summary>Attachments larger than this are not stored (nor downloaded, when the server tells their size); the message text says so.</summary>
    public long MaxAttachmentBytes { get; set; } = DefaultMaxAttachmentBytes;

    /// <summary>
    /// On the first start (no checkpoint for the folder yet), how many days of mail already in the folder are imported:
    /// 0 (the default) imports none and starts at the folder's UIDNEXT; N imports from the first message the server
    /// received in the last N days (IMAP <c>SINCE</c>) on.
    /// </summary>
    public int ImportExistingDays { get; set; }

    /// <summary>For servers without IDLE: seconds between two looks at the folder (default 60).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>How long one IDLE lasts before it is renewed, 1–9 minutes (servers drop idle connections after 10–30 minutes).</summary>
    public int IdleMinutes { get; set; } = 9;

    /// <summary>The first pause after a lost connection or a failed round; doubled up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the receiver tries to read one mail whose FETCH the server refuses, or that cannot be parsed, before it
    /// skips it: the mail goes on the dead-letter list (<c>/health/ready</c>, the log) and the checkpoint moves past it.
    /// Counted durably, so a process that crashes on the mail gives up too. Default 3.
    /// </summary>
    public int MaxAttemptsPerMessage { get; set; } = 3;

    /// <summary>How long one IMAP or SMTP command may take before the connection counts as lost.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The subject of a message we start (no customer email to reply to in the conversation).</summary>
    public string DefaultSubject { get; set; } = "Служба поддержки";

    /// <summary>The code page assumed for 8-bit text that declares no charset (or an unknown one) and is not valid UTF-8.</summary>
    public string FallbackCharset { get; set; } = "windows-1251";

    /// <summary>More addresses of ours (aliases): mail from them is treated as automated (a loop), never as a customer's.</summary>
    public List<string> OwnAddresses { get; set; } = [];

    public bool ReceivingEnabled => !string.IsNullOrWhiteSpace(Imap.Host) && !string.IsNullOrWhiteSpace(Imap.User);

    public bool SendingEnabled => !string.IsNullOrWhiteSpace(Smtp.Host) && !string.IsNullOrWhiteSpace(Smtp.From);
}
