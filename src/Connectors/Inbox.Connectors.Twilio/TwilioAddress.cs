using System.Text.RegularExpressions;

namespace Inbox.Connectors.Twilio;

/// <summary>Twilio's addresses: <c>+E164</c> for SMS, <c>whatsapp:+E164</c> for WhatsApp; other prefixes are channels Inbox does not handle.</summary>
public static partial class TwilioAddress
{
    public const string WhatsAppPrefix = "whatsapp:";

    public static bool IsWhatsApp(string? address) =>
        address is not null && address.TrimStart().StartsWith(WhatsAppPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The address without a <c>whatsapp:</c> prefix.</summary>
    public static string WithoutWhatsAppPrefix(string address)
    {
        var trimmed = address.Trim();
        return IsWhatsApp(trimmed) ? trimmed[WhatsAppPrefix.Length..].Trim() : trimmed;
    }

    /// <summary>A prefix such as <c>messenger:</c> or <c>rcs:</c>, when the address has one other than <c>whatsapp:</c>.</summary>
    public static string? UnknownPrefix(string address)
    {
        var match = PrefixPattern().Match(address.Trim());
        return match.Success && !IsWhatsApp(address) ? match.Value : null;
    }

    /// <summary>The channel of a status callback: WhatsApp when either party's address is a WhatsApp one, otherwise SMS.</summary>
    public static string ChannelOf(TwilioWebhookParameters parameters) =>
        IsWhatsApp(parameters["To"]) || IsWhatsApp(parameters["From"])
        || string.Equals(parameters.Text("ChannelPrefix"), "whatsapp", StringComparison.OrdinalIgnoreCase)
            ? ChannelNames.WhatsApp
            : ChannelNames.Sms;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
