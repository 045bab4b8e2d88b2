using System.Text.RegularExpressions;

namespace Inbox.Connectors.Email;

/// <summary>
/// The display text of a customer's email: the full text cut at the first of a <c>&gt;</c>-quoted line; an attribution line
/// ending <c>wrote:</c>, <c>пишет:</c>, <c>написал(а):</c> (or Gmail's and Yandex's <c>… &lt;ivan@mail.ru&gt;:</c>);
/// <c>-----Original Message-----</c> / <c>-------- Исходное сообщение --------</c>; an Outlook <c>From:</c>/<c>Sent:</c>
/// (<c>От:</c>/<c>Отправлено:</c>) header block; the HTML quote (<c>blockquote type=cite</c>, <c>div.gmail_quote</c>); or the
/// signature separator <c>-- </c>. When nothing would be left, the full text is shown. Nothing is ever removed from the
/// stored text; this is only what the timeline shows folded.
/// </summary>
public static partial class EmailQuoteFolder
{
    public static string Fold(string text, int? htmlQuoteStart = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = htmlQuoteStart is { } q && q >= 0 && q < text.Length ? q : text.Length;
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, line) = lines[i];
            if (start >= cut)
            {
                break;
            }

            var trimmed = line.Trim();
            if (trimmed.StartsWith('>') || line.TrimEnd('\r') is "-- " || trimmed == "--" || OriginalMessage().IsMatch(trimmed))
            {
                cut = start;
                break;
            }

            if (IsAttribution(trimmed))
            {
                cut = start;
                // A long attribution wrapped by the mail client: "On Tue, 5 Mar 2024 at 10:00, Ivan <" / "ivan@mail.ru> wrote:".
                if (i > 0 && IsWrappedAttributionStart(lines[i - 1].Line.Trim(), trimmed))
                {
                    cut = lines[i - 1].Start;
                }

                break;
            }

            if (OutlookFrom().IsMatch(trimmed) && HasOutlookSentLine(lines, i))
            {
                cut = start;
                var previous = PreviousNonBlank(lines, i);
                if (previous >= 0 && Underscores().IsMatch(lines[previous].Line.Trim()))
                {
                    cut = lines[previous].Start;
                }

                break;
            }
        }

        var display = text[..cut].TrimEnd();
        return display.Trim().Length == 0 ? text.Trim() : display.TrimStart('\r', '\n');
    }

    private static bool IsAttribution(string line)
    {
        if (line.Length == 0 || line.Length > 300)
        {
            return false;
        }

        var lower = line.ToLowerInvariant();
        if (lower.EndsWith("wrote:", StringComparison.Ordinal) || lower.EndsWith("пишет:", StringComparison.Ordinal)
            || lower.EndsWith("написал(а):", StringComparison.Ordinal) || lower.EndsWith("написал:", StringComparison.Ordinal)
            || lower.EndsWith("написала:", StringComparison.Ordinal) || lower.EndsWith("schrieb:", StringComparison.Ordinal))
        {
            return true;
        }

        // Gmail (ru), Yandex, Mail.ru: "пн, 5 мар. 2024 г. в 10:00, Иван Петров <ivan@mail.ru>:"
        return lower.EndsWith(">:", StringComparison.Ordinal) && lower.Contains('@', StringComparison.Ordinal) && lower.Contains('<', StringComparison.Ordinal);
    }

    /// <summary>The line before "ivan@mail.ru&gt; wrote:" that began the attribution: "On …"/"В …" with a date or time in it.</summary>
    private static bool IsWrappedAttributionStart(string previous, string attribution)
    {
        if (previous.Length == 0 || !AttributionStart().IsMatch(previous) || AttributionStart().IsMatch(attribution) || !previous.Any(char.IsDigit))
        {
            return false;
        }

        // The attribution line is then only the tail: an address and the verb.
        var words = attribution.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 3 || attribution.Contains('@', StringComparison.Ordinal);
    }

    private static bool HasOutlookSentLine(List<(int Start, string Line)> lines, int fromLine)
    {
        for (var j = fromLine + 1; j < lines.Count && j <= fromLine + 4; j++)
        {
            if (OutlookSent().IsMatch(lines[j].Line.Trim()))
            {
                return true;
            }
        }

        return false;
    }

    private static int PreviousNonBlank(List<(int Start, string Line)> lines, int index)
    {
        for (var j = index - 1; j >= 0; j--)
        {
            if (lines[j].Line.Trim().Length > 0)
            {
                return j;
            }
        }

        return -1;
    }

    private static List<(int Start, string Line)> SplitLines(string text)
    {
        var lines = new List<(int, string)>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add((start, text[start..]));
                break;
            }

            lines.Add((start, text[start..end]));
            start = end + 1;
        }

        return lines;
    }

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Исходное сообщение|Оригинальное сообщение|Исходное письмо)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^\**(From|От|Von|De)\s*:\**\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex OutlookFrom();

    [GeneratedRegex(@"^\**(Sent|Date|Отправлено|Дата|Gesendet|Envoyé)\s*:\**\s*\S", RegexOptions.CultureInvariant)]
    private static partial Regex OutlookSent();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^(On|В|Le|Am|El)\s", RegexOptions.CultureInvariant)]
    private static partial Regex AttributionStart();
}
