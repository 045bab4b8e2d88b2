using System.Globalization;
using System.Resources;

namespace Inbox.Connectors.Telephony;

/// <summary>What Twilio Voice callers hear, from the resources <c>TwilioVoiceTexts.resx</c>: one entry per language (<c>UnavailableMessage_ru</c>, <c>UnavailableMessage_en</c>).</summary>
public static class TwilioVoiceTexts
{
    private static readonly ResourceManager Resources = new("Inbox.Connectors.Telephony.TwilioVoiceTexts", typeof(TwilioVoiceTexts).Assembly);

    /// <summary>The "no one can take your call, we will call you back" text for a Twilio language such as <c>ru-RU</c>; null when the resources have none.</summary>
    public static string? UnavailableMessage(string? language)
    {
        var primary = (language ?? "").Split('-')[0].Trim().ToLowerInvariant();
        return primary.Length == 0 ? null : Resources.GetString("UnavailableMessage_" + primary, CultureInfo.InvariantCulture);
    }
}
