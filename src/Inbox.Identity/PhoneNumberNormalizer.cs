using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Inbox.Identity;

/// <summary>
/// Normalises phone numbers to E.164 (<c>+79161234567</c>), so that <c>8 916 123-45-67</c>,
/// <c>+7 (916) 123-45-67</c> and <c>79161234567</c> are one number. Hidden numbers match no one.
/// </summary>
public sealed class PhoneNumberNormalizer(string defaultRegion = "RU")
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion;

    public bool TryNormalize(string? raw, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var text = raw.Trim();
        foreach (var prefix in (string[])["whatsapp:", "tel:"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..].Trim();
            }
        }

        // SIP and Twilio Client addresses are not phone numbers; hidden caller IDs have letters only.
        if (text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("client:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var digits = new string(text.Where(char.IsDigit).ToArray());
        if (digits.Length < 5 || digits.Length > 20)
        {
            return false;
        }

        foreach (var candidate in Candidates(text, digits))
        {
            try
            {
                var number = Util.Parse(candidate, DefaultRegion);
                if (Util.IsValidNumber(number))
                {
                    e164 = Util.Format(number, PhoneNumberFormat.E164);
                    return true;
                }
            }
            catch (NumberParseException)
            {
                // try the next reading
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="raw"/>, read in the default region, is the number <paramref name="e164"/>.</summary>
    public bool IsSame(string? raw, string? e164) =>
        e164 is not null && TryNormalize(raw, out var normalized) && string.Equals(normalized, e164, StringComparison.Ordinal);

    /// <summary>
    /// The ISO 3166 region (<c>RU</c>, <c>KZ</c>, <c>GB</c>…) of a number, read like <see cref="TryNormalize"/> does;
    /// null when the number is unreadable or belongs to no single region.
    /// </summary>
    public string? RegionOf(string? raw)
    {
        if (!TryNormalize(raw, out var e164))
        {
            return null;
        }

        var region = Util.GetRegionCodeForNumber(Util.Parse(e164, DefaultRegion));
        return region is { Length: 2 } && region != "ZZ" ? region : null;
    }

    public ChannelIdentity? ToIdentity(string? raw) =>
        TryNormalize(raw, out var e164) ? new ChannelIdentity(IdentityKinds.Phone, e164) : null;

    private static IEnumerable<string> Candidates(string text, string digits)
    {
        // "00 7 912 …": 00 is the international prefix in most of the world; libphonenumber would read it as national digits.
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            yield return "+" + text[2..];
            yield break;
        }

        yield return text;
        if (!text.StartsWith('+'))
        {
            // A number with its country code but without the plus (Telegram's phone_number, WhatsApp's WaId).
            yield return "+" + digits;
        }
    }
}
