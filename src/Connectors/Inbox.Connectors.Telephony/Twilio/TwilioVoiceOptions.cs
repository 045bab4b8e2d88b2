namespace Inbox.Connectors.Telephony;

/// <summary>
/// Twilio Voice: <see cref="AuthToken"/> and <see cref="PublicBaseUrl"/> come from <c>Channels:Twilio</c> (shared with the
/// messaging channel), <see cref="ForwardTo"/> from <c>Telephony:Twilio</c>. On when the auth token is set.
/// </summary>
public sealed class TwilioVoiceOptions
{
    public const string ChannelSectionName = "Channels:Twilio";
    public const string TelephonySectionName = "Telephony:Twilio";

    /// <summary><c>Channels:Twilio:AuthToken</c>: the key of the X-Twilio-Signature HMAC.</summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// <c>Channels:Twilio:PublicBaseUrl</c>: the public URL of this application's root as Twilio calls it (e.g.
    /// <c>https://inbox.example.com</c>); the signature is computed over it plus the request path and query. When it is
    /// not set, the URL the request arrived at is used, which is wrong behind a proxy.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><c>Telephony:Twilio:ForwardTo</c>: when set, a ringing call is answered with <c>&lt;Dial&gt;</c> to this number; otherwise with an empty <c>&lt;Response/&gt;</c>.</summary>
    public string? ForwardTo { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AuthToken);
}
