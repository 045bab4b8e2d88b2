using System.Text.RegularExpressions;
using Inbox.Orders;

namespace Inbox.Chatbot.Text;

/// <summary>
/// Finds order numbers in free text: digits with optional letters and dashes, optionally after <c>№</c> or <c>#</c>
/// (<c>1048576</c>, <c>MV-2231187</c>, <c>№ 1234А</c>). Phone numbers, card numbers, dates, times, amounts and
/// one-time codes are not order numbers.
/// </summary>
public static partial class OrderNumberExtractor
{
    private const int MinimumBareDigits = 4;
    private const int MinimumPrefixedDigits = 3;

    /// <summary>The candidates in order of appearance, upper-cased, without duplicates (look-alike letters folded).</summary>
    public static IReadOnlyList<string> Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var masked = Mask(text);
        var found = new List<(int Index, string Number)>();

        foreach (Match match in Prefixed().Matches(masked))
        {
            var group = match.Groups["n"];
            var number = group.Value.TrimEnd('-');
            if (CountDigits(number) >= MinimumPrefixedDigits)
            {
                found.Add((group.Index, number));
            }
        }

        foreach (Match match in Bare().Matches(masked))
        {
            var group = match.Groups["n"];
            if (found.Any(f => group.Index >= f.Index && group.Index < f.Index + f.Number.Length))
            {
                continue;
            }

            var number = group.Value;
            var digits = CountDigits(number);
            var lettersOnlyDigits = digits == number.Length;
            if (lettersOnlyDigits && digits >= 10)
            {
                continue; // a phone number written without spaces
            }

            if (IsAmount(masked, group.Index, group.Length) || IsYear(masked, number, group.Index, group.Length) ||
                IsAfterCodeWord(masked, group.Index))
            {
                continue;
            }

            found.Add((group.Index, number));
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, number) in found.OrderBy(f => f.Index))
        {
            var normalized = number.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            if (seen.Add(OrderNumbers.Fold(normalized)))
            {
                result.Add(normalized);
            }
        }

        return result;
    }

    private static string Mask(string text)
    {
        var chars = text.Replace('–', '-').Replace('—', '-').Replace('‑', '-').ToCharArray();
        foreach (var regex in new[] { Emails(), Links(), Phones(), Dates(), Times() })
        {
            foreach (Match match in regex.Matches(new string(chars)))
            {
                for (var i = match.Index; i < match.Index + match.Length; i++)
                {
                    chars[i] = ' ';
                }
            }
        }

        return new string(chars);
    }

    private static int CountDigits(string value) => value.Count(char.IsAsciiDigit);

    private static bool IsAmount(string text, int index, int length)
    {
        var after = text[(index + length)..].TrimStart().ToLowerInvariant();
        if (Currency().IsMatch(after))
        {
            return true;
        }

        var before = text[..index].TrimEnd();
        return before.EndsWith('$') || before.EndsWith('€') || before.EndsWith('₽');
    }

    private static bool IsYear(string text, string number, int index, int length)
    {
        if (number.Length != 4 || !int.TryParse(number, out var year) || year < 1900 || year > 2099)
        {
            return false;
        }

        var after = text[(index + length)..].TrimStart().ToLowerInvariant();
        return YearWord().IsMatch(after);
    }

    private static bool IsAfterCodeWord(string text, int index)
    {
        var start = Math.Max(0, index - 24);
        var before = text[start..index].ToLowerInvariant();
        return CodeWord().IsMatch(before) && !OrderWord().IsMatch(before);
    }

    [GeneratedRegex(@"(?:№|#|\bno\.?(?=\s*\d)|\bnr\.?(?=\s*\d))\s*(?<n>[0-9\p{L}][0-9\p{L}\-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Prefixed();

    [GeneratedRegex(@"(?<![\p{L}\p{N}\-+/.,:])(?<n>(?:\p{L}{1,4}-?)?\d{4,12}(?:-?\p{L}{1,2})?)(?![\p{L}\p{N}\-/]|[.,:]\d)")]
    private static partial Regex Bare();

    [GeneratedRegex(@"(?:https?://|www\.)\S+|\b[\p{L}\p{N}\-]+\.(?:ru|com|net|org|shop|online|site|store|ua|by|kz|su|top|xyz|info|рф)\b\S*", RegexOptions.IgnoreCase)]
    private static partial Regex Links();

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}")]
    private static partial Regex Emails();

    [GeneratedRegex(@"\+\d[\d\s\-()]{7,}\d|\b8\s*\(\d{3}\)[\s\-]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}\b|\b8[\s\-]\d{3}[\s\-]+\d{3}[\s\-]*\d{2}[\s\-]*\d{2}\b|(?<![\p{L}\-])\b\d{2,4}(?:[\s\-]\d{2,4}){2,}\b")]
    private static partial Regex Phones();

    [GeneratedRegex(@"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex Dates();

    [GeneratedRegex(@"\b\d{1,2}:\d{2}\b")]
    private static partial Regex Times();

    [GeneratedRegex(@"^(?:руб|р\.|р\b|₽|rub|грн|uah|usd|eur|€|\$|тыс|тис|k\b|%|рублей|гривень|dollars?)")]
    private static partial Regex Currency();

    [GeneratedRegex(@"^(?:г\.|г\b|год|року|рік|year)")]
    private static partial Regex YearWord();

    [GeneratedRegex(@"\b(?:код\p{L}*|code|kod|пароль|password|pin|пин|cvv|cvc|otp)\b")]
    private static partial Regex CodeWord();

    [GeneratedRegex(@"заказ|order|замовлен|zakaz")]
    private static partial Regex OrderWord();
}
