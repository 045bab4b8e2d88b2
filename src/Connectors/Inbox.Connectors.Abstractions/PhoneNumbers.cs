using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace Inbox.Connectors;

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
        if (text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase))
        {
            text = text["whatsapp:".Length..];
        }

        // A digit string that already carries a country code but lacks the plus (79161234567, WhatsApp's WaId).
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0 || digits.Length > 15)
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

    public ChannelIdentity? ToIdentity(string? raw) =>
        TryNormalize(raw, out var e164) ? new ChannelIdentity(IdentityKinds.Phone, e164) : null;

    private static IEnumerable<string> Candidates(string text, string digits)
    {
        yield return text;
        if (!text.StartsWith('+'))
        {
            yield return "+" + digits;
        }
    }
}
