using System.Text.RegularExpressions;

namespace Inbox.Web.Logging;

/// <summary>
/// Masks what must not reach the logs (product rule 6): phone numbers, email addresses, message texts.
/// Texts are replaced by their length; phones and emails keep just enough to tell two apart.
/// </summary>
public static partial class SensitiveDataMasker
{
    /// <summary>Property names whose whole value is a message text.</summary>
    public static readonly IReadOnlySet<string> TextProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Text", "Body", "MessageText", "Content", "Preview",
    };

    public static string MaskText(string text) => $"[text: {text.Length} chars]";

    /// <summary>Masks every phone number and email address found inside <paramref name="value"/>.</summary>
    public static string MaskContacts(string value)
    {
        var masked = EmailPattern().Replace(value, m => MaskEmail(m.Value));
        return PhonePattern().Replace(masked, m => MaskPhone(m.Value));
    }

    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    public static string MaskPhone(string phone)
    {
        // A phone number has 10 or more digits (or starts with +); shorter runs are order numbers, amounts, times, and
        // dates (2026-11-25) are left alone too, so that logs stay readable.
        var digits = phone.Count(char.IsAsciiDigit);
        if ((digits < 10 && !phone.StartsWith('+')) || DatePattern().IsMatch(phone))
        {
            return phone;
        }

        var chars = phone.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiDigit(chars[i]))
            {
                continue;
            }

            seen++;
            // keep the first digit (the country) and the last two
            if (seen > 1 && seen <= digits - 2)
            {
                chars[i] = '*';
            }
        }

        return new string(chars);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // A run of 7 to 15 digits, optionally with a leading + and the usual separators: +7 (916) 123-45-67, 89161234567.
    [GeneratedRegex(@"(?<![\w])\+?\d[\d\s\-()]{5,18}\d(?![\w])")]
    private static partial Regex PhonePattern();
}
