using System.Text;
using System.Text.RegularExpressions;

namespace Inbox.Chatbot.Text;

/// <summary>Normalises customer text for rules and for the classifier.</summary>
public static partial class TextNormalizer
{
    /// <summary>Lower case (invariant), ё→е, one kind of apostrophe and dash, single spaces.</summary>
    public static string Basic(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            c = c switch
            {
                'ё' => 'е',
                '’' or '‘' or 'ʼ' or '`' or '´' => '\'',
                '–' or '—' or '‑' or '−' => '-',
                '«' or '»' or '“' or '”' or '„' => '"',
                _ => c,
            };
            builder.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        return Spaces().Replace(builder.ToString(), " ").Trim();
    }

    /// <summary>
    /// The classifier's view of a message: <see cref="Basic"/>, with links, emails, phone numbers and order numbers replaced by
    /// placeholder words and other digits by 0, so the model learns the words around them rather than the numbers.
    /// </summary>
    public static string ForModel(string? text)
    {
        var basic = Basic(text);
        if (basic.Length == 0)
        {
            return basic;
        }

        var result = Emails().Replace(basic, " xemail ");
        result = Links().Replace(result, " xurl ");
        result = Phones().Replace(result, " xphone ");
        foreach (var number in OrderNumberExtractor.Extract(result))
        {
            result = result.Replace(number.ToLowerInvariant(), " xnum ", StringComparison.Ordinal);
        }

        result = result.Replace('№', ' ').Replace('#', ' ');
        result = Digits().Replace(result, "0");
        return Spaces().Replace(result, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b[\p{L}\p{N}\-]+\.(?:ru|com|net|org|shop|online|site|store|ua|by|kz|su|top|xyz|info|рф)\b\S*")]
    private static partial Regex Links();

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}")]
    private static partial Regex Emails();

    [GeneratedRegex(@"\+\d[\d\s\-()]{7,}\d|\b8\s*\(?\d{3}\)?[\s\-]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}\b|\b\d{2,4}(?:[\s\-]\d{2,4}){2,}\b|\b\d{10,12}\b")]
    private static partial Regex Phones();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
