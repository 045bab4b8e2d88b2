namespace Inbox.Connectors.Telephony;

/// <summary>
/// Twilio Voice: <see cref="AuthToken"/> and <see cref="PublicBaseUrl"/> come from <c>Channels:Twilio</c> (shared with the
/// messaging channel), the rest from <c>Telephony:Twilio</c>. On when the auth token is set.
/// </summary>
public sealed class TwilioVoiceOptions
{
    public const string ChannelSectionName = "Channels:Twilio";
    public const string TelephonySectionName = "Telephony:Twilio";

    /// <summary><c>Channels:Twilio:AuthToken</c>: the key of the X-Twilio-Signature HMAC.</summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// <c>Channels:Twilio:PublicBaseUrl</c>: the public URL of this application's root as Twilio calls it (e.g.
    /// <c>https://inbox.example.com</c>); the signature is computed over it plus the request path and query, and the
    /// <c>&lt;Dial action&gt;</c> and status callback URLs we hand Twilio start with it. When it is not set, the URL the
    /// request arrived at is used, which is wrong behind a proxy.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// <c>Telephony:Twilio:ForwardTo</c>: the number (E.164) a ringing call is forwarded to with <c>&lt;Dial&gt;</c>, whose
    /// answer decides whether the call was answered or missed. When it is not set, the caller hears
    /// <see cref="UnavailableMessage"/> and the call is logged as missed, for operators to call back.
    /// </summary>
    public string? ForwardTo { get; set; }

    /// <summary><c>Telephony:Twilio:DialTimeoutSeconds</c>: how long the forwarded number rings before the call counts as missed (5–600, default 30).</summary>
    public int DialTimeoutSeconds { get; set; } = 30;

    /// <summary><c>Telephony:Twilio:Language</c>: the language of the spoken message (Twilio <c>&lt;Say language&gt;</c>), default <c>ru-RU</c>.</summary>
    public string Language { get; set; } = "ru-RU";

    /// <summary>
    /// <c>Telephony:Twilio:UnavailableMessage</c>: what the caller hears when no one can take the call (no ForwardTo, or the
    /// forwarded number is busy, does not answer or fails). Default: the text of <see cref="Language"/> in the resources
    /// (<c>TwilioVoiceTexts</c>, Russian and English).
    /// </summary>
    public string? UnavailableMessage { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(AuthToken);

    /// <summary>The message to say: the configured one, else the resource text of <see cref="Language"/>; null when neither exists.</summary>
    public string? EffectiveUnavailableMessage =>
        string.IsNullOrWhiteSpace(UnavailableMessage) ? TwilioVoiceTexts.UnavailableMessage(Language) : UnavailableMessage.Trim();
}
