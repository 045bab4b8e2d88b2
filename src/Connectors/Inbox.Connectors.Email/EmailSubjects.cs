using System.Text.RegularExpressions;

namespace Inbox.Connectors.Email;

/// <summary>Reply subjects: exactly one "Re:", however many reply prefixes the customer's mail client stacked.</summary>
public static partial class EmailSubjects
{
    /// <summary><c>RE: Re[2]: Ответ: Заказ</c> → <c>Re: Заказ</c>; an empty subject gives <c>Re: {fallback}</c>.</summary>
    public static string Reply(string? subject, string fallback)
    {
        var rest = WithoutReplyPrefixes(subject);
        return "Re: " + (rest.Length == 0 ? fallback : rest);
    }

    /// <summary>The subject without leading reply prefixes (Re, RE, Re[2], Re(2), Ответ, Отв, AW, SV, Antw), trimmed.</summary>
    public static string WithoutReplyPrefixes(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return "";
        }

        var text = Whitespace().Replace(subject, " ").Trim();
        return ReplyPrefixes().Replace(text, "").Trim();
    }

    [GeneratedRegex(@"^(\s*(re|ре|aw|sv|antw|ответ|отв)\s*(\[\d+\]|\(\d+\))?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefixes();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
