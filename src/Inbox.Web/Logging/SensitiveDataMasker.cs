using System.Text.RegularExpressions;

namespace Inbox.Web.Logging;

/// <summary>
/// Masks what must not reach the logs (product rule 6): phone numbers, email addresses, message texts, and the secrets
/// a URL can carry (a Telegram bot token in <c>/bot&lt;token&gt;/</c>, a token or key in the query, a password in the user info).
/// Texts are replaced by their length; phones and emails keep just enough to tell two apart; secrets become <c>***</c>.
/// </summary>
public static partial class SensitiveDataMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Redacted = "***";

    /// <summary>Property names whose whole value is a message text.</summary>
    public static readonly IReadOnlySet<string> TextProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Text", "Body", "MessageText", "Content", "Preview",
    };

    public static string MaskText(string text) => $"[text: {text.Length} chars]";

    /// <summary>Masks every phone number and email address found inside <paramref name="value"/>, and the secrets of any URL in it.</summary>
    public static string MaskContacts(string value)
    {
        var masked = RedactUrlSecrets(value);
        masked = EmailPattern().Replace(masked, m => MaskEmail(m.Value));
        return PhonePattern().Replace(masked, m => MaskPhone(m.Value));
    }

    /// <summary>
    /// Replaces the secrets a URL carries: the bot token of a Telegram Bot API URL (<c>/bot123456:AA…/getUpdates</c>,
    /// <c>/file/bot…/</c>), the value of a query parameter named like a token, key, secret, password or signature, and the
    /// password of <c>scheme://user:password@host</c>.
    /// </summary>
    public static string RedactUrlSecrets(string value)
    {
        if (value.Contains("/bot", StringComparison.OrdinalIgnoreCase))
        {
            value = BotTokenPattern().Replace(value, "/bot" + Redacted);
        }

        if (value.Contains('='))
        {
            value = SecretQueryPattern().Replace(value, m => m.Groups["name"].Value + Redacted);
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            value = UserInfoPattern().Replace(value, m => m.Groups["user"].Value + Redacted + "@");
        }

        return value;
    }

    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    public static string MaskPhone(string phone)
    {
        // A phone number has 10 or more digits (or starts with +); shorter runs are order numbers, amounts, times, and
        // dates (2026-11-25) and IPv4 addresses (192.168.100.200) are left alone too, so that logs stay readable.
        // Digits are any Unicode digits: full-width ９１６ is a phone number as much as 916 is.
        var digits = phone.Count(char.IsDigit);
        var plus = phone[0] is '+' or '\uFF0B';
        if ((digits < 10 && !plus) || DatePattern().IsMatch(phone) || Ipv4Pattern().IsMatch(phone))
        {
            return phone;
        }

        var chars = phone.ToCharArray();
        var seen = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsDigit(chars[i]))
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

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$", RegexOptions.ECMAScript)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // A run of 7 to 15 digits (ASCII or any other Unicode digits, such as full-width ones), optionally with a leading +
    // and the usual separators, ASCII or full-width: +7 (916) 123-45-67, 89161234567, 8.916.777.66.55, ８９１６７７７６６５５.
    [GeneratedRegex(@"(?<![\w.])[+\uFF0B]?\d[\d\s\-().\uFF0D\uFF08\uFF09\uFF0E\u2010-\u2015]{5,18}\d(?![\w])")]
    private static partial Regex PhonePattern();

    // /bot<id>:<secret> of the Bot API (the colon may be percent-encoded), up to the next / ? # or the end of the URL.
    [GeneratedRegex(@"/bot\d+(?::|%3[Aa])[^/\s?#""'<>]*", RegexOptions.IgnoreCase)]
    private static partial Regex BotTokenPattern();

    [GeneratedRegex(@"(?<name>[?&;](?:access_token|token|[a-z_]*secret|key|api_?key|apikey|password|passwd|pwd|sig|signature|auth|authorization|client_secret)=)[^&\s#""'<>]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryPattern();

    [GeneratedRegex(@"(?<user>[a-z][a-z0-9+.\-]*://[^/\s:@]*:)[^@\s/]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfoPattern();
}
