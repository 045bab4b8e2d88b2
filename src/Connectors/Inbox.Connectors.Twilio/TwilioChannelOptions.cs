namespace Inbox.Connectors.Twilio;

/// <summary>
/// <c>Channels:Twilio</c>: SMS and WhatsApp through Twilio Messaging. The channel is on when <see cref="AccountSid"/> and
/// <see cref="AuthToken"/> are set; sending by SMS needs <see cref="SmsFrom"/>, sending by WhatsApp needs <see cref="WhatsAppFrom"/>.
/// </summary>
public sealed class TwilioChannelOptions
{
    public const string SectionName = "Channels:Twilio";
    public const string DefaultApiBaseUrl = "https://api.twilio.com";

    /// <summary>The account's SID (<c>AC…</c>): the user name of the REST API's Basic authentication.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's Auth Token: the REST API's password and the key of <c>X-Twilio-Signature</c>.</summary>
    public string? AuthToken { get; set; }

    /// <summary>The SMS sender: a Twilio number in E.164 (<c>+15005550006</c>), or a Messaging Service SID (<c>MG…</c>).</summary>
    public string? SmsFrom { get; set; }

    /// <summary>The WhatsApp sender: <c>whatsapp:+15005550006</c> (the prefix is added when missing), or a Messaging Service SID (<c>MG…</c>).</summary>
    public string? WhatsAppFrom { get; set; }

    /// <summary>
    /// The public address of this installation as Twilio sees it (<c>https://inbox.example.com</c>), without <c>/webhooks</c>.
    /// Signatures are checked against this base plus the request's path and query, so a proxy in front may change host,
    /// scheme and port. It is also the base of the status callback URL sent with every message.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Twilio's REST API; a test server can stand in.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one REST call may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the files of one inbound message may take to download together (a file that takes longer becomes a note).</summary>
    public TimeSpan MediaDownloadTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The largest inbound file kept; a larger one is replaced by a note in the message text.</summary>
    public long MaxMediaBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// A final status (delivered, failed) for a message id not known yet is tried again for this long: Twilio's callback can
    /// overtake the outbox's record of the send. After that the callback is answered 200 and ignored.
    /// </summary>
    public TimeSpan UnknownReceiptRetryWindow { get; set; } = TimeSpan.FromSeconds(4);

    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);

    public bool SmsEnabled => Enabled && !string.IsNullOrWhiteSpace(SmsFrom);

    public bool WhatsAppEnabled => Enabled && !string.IsNullOrWhiteSpace(WhatsAppFrom);
}
