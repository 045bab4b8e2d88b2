using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Inbox.Identity;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// Turns a verified inbound webhook into a <see cref="TwilioIncomingMessage"/>: the channel from the <c>From</c> prefix, the
/// customer's phone from <c>From</c> and <c>WaId</c> (so a WhatsApp and an SMS from one number are one customer), the text, and
/// every <c>MediaUrl{N}</c> actually present (whatever <c>NumMedia</c> says).
/// </summary>
public sealed class TwilioInboundConverter(PhoneNumberNormalizer phones)
{
    /// <summary>More files than Twilio ever sends with one message (10 for MMS) are not fetched.</summary>
    public const int MaxMedia = 20;

    public bool TryConvert(TwilioWebhookParameters parameters, [NotNullWhen(true)] out TwilioIncomingMessage? message, out int statusCode, out string? problem)
    {
        message = null;
        statusCode = StatusCodes.Status200OK;
        problem = null;

        var sid = parameters.Text("MessageSid") ?? parameters.Text("SmsMessageSid") ?? parameters.Text("SmsSid");
        if (sid is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, "MessageSid is missing.", out statusCode, out problem);
        }

        var from = parameters.Text("From");
        if (from is null)
        {
            return Refuse(StatusCodes.Status400BadRequest, "From is missing.", out statusCode, out problem);
        }

        if (TwilioAddress.UnknownPrefix(from) is { } prefix)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity,
                $"Messages from '{prefix}' addresses are not handled: this endpoint takes SMS (+E.164) and WhatsApp (whatsapp:+E.164).", out statusCode, out problem);
        }

        var channel = TwilioAddress.IsWhatsApp(from) ? ChannelNames.WhatsApp : ChannelNames.Sms;
        var identities = new List<ChannelIdentity>(2);
        AddPhone(identities, TwilioAddress.WithoutWhatsAppPrefix(from));
        if (channel == ChannelNames.WhatsApp && parameters.Text("WaId") is { } waId)
        {
            // WaId is the WhatsApp id: the country code and number without "+" (read without "+", 380… would become +7380…).
            AddPhone(identities, waId.StartsWith('+') ? waId : "+" + waId);
        }

        if (identities.Count == 0)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity,
                "The sender's number is hidden or is not a phone number (anonymous, a short code or a name), so the message cannot be attributed to a customer.",
                out statusCode, out problem);
        }

        var media = MediaOf(parameters);
        int? declared = int.TryParse(parameters.Text("NumMedia"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
        var senderName = channel == ChannelNames.WhatsApp ? parameters.Text("ProfileName") : null;
        var optOut = channel == ChannelNames.Sms ? parameters.Text("OptOutType")?.ToUpperInvariant() : null;
        message = new TwilioIncomingMessage(channel, sid, identities, senderName, TextOf(parameters), media, declared, optOut);
        return true;
    }

    private void AddPhone(List<ChannelIdentity> identities, string raw)
    {
        if (phones.ToIdentity(raw) is { } identity && !identities.Contains(identity))
        {
            identities.Add(identity);
        }
    }

    /// <summary>The body; a WhatsApp button's text when the body is empty; a shared location as a line of text.</summary>
    private static string TextOf(TwilioWebhookParameters parameters)
    {
        var text = parameters["Body"] ?? "";
        if (string.IsNullOrWhiteSpace(text) && parameters.Text("ButtonText") is { } button)
        {
            text = button;
        }

        if (parameters.Text("Latitude") is { } latitude && parameters.Text("Longitude") is { } longitude)
        {
            var place = string.Join(", ", new[] { parameters.Text("Label"), parameters.Text("Address") }.Where(p => p is not null));
            var line = place.Length > 0 ? $"Location: {place} ({latitude}, {longitude})" : $"Location: {latitude}, {longitude}";
            text = string.IsNullOrWhiteSpace(text) ? line : text + "\n" + line;
        }

        return text;
    }

    private static List<TwilioMediaReference> MediaOf(TwilioWebhookParameters parameters)
    {
        var media = new List<TwilioMediaReference>();
        foreach (var (name, value) in parameters.All)
        {
            const string prefix = "MediaUrl";
            if (!name.StartsWith(prefix, StringComparison.Ordinal)
                || !int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || media.Any(m => m.Index == index)
                || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url)
                || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                continue;
            }

            media.Add(new TwilioMediaReference(index, url, parameters.Text($"MediaContentType{index.ToString(CultureInfo.InvariantCulture)}")));
        }

        return media.OrderBy(m => m.Index).Take(MaxMedia).ToList();
    }

    private static bool Refuse(int code, string reason, out int statusCode, out string? problem)
    {
        statusCode = code;
        problem = reason;
        return false;
    }
}
