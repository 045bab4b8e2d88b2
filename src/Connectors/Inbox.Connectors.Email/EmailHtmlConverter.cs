using System.Text;
using MimeKit.Text;

namespace Inbox.Connectors.Email;

/// <summary>
/// Turns an HTML body into safe plain text: the text of the page only, without scripts, styles, the head, forms' hidden
/// parts or comments; block elements become line breaks; a link keeps its text, followed by its address in parentheses when
/// that differs (only http, https and mailto addresses). Nothing of the HTML survives, so the text is safe to show.
/// </summary>
public static class EmailHtmlConverter
{
    /// <summary>Stands where the quote begins while the text is tidied; control characters of the page itself are dropped.</summary>
    private const char QuoteMarker = '\u0001';

    private static readonly HashSet<HtmlTagId> Skipped =
    [
        HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Head, HtmlTagId.Title, HtmlTagId.NoScript, HtmlTagId.Object,
        HtmlTagId.Applet, HtmlTagId.Embed, HtmlTagId.IFrame, HtmlTagId.Frame, HtmlTagId.FrameSet, HtmlTagId.NoFrames,
        HtmlTagId.Select, HtmlTagId.Button, HtmlTagId.TextArea, HtmlTagId.Xml,
    ];

    private static readonly HashSet<HtmlTagId> LineBlocks =
    [
        HtmlTagId.Div, HtmlTagId.TR, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.DL, HtmlTagId.DT, HtmlTagId.DD, HtmlTagId.Table,
        HtmlTagId.Section, HtmlTagId.Article, HtmlTagId.Header, HtmlTagId.Footer, HtmlTagId.Address, HtmlTagId.Center,
        HtmlTagId.Main, HtmlTagId.Nav, HtmlTagId.Aside, HtmlTagId.FieldSet, HtmlTagId.Form, HtmlTagId.Caption, HtmlTagId.Figure,
    ];

    private static readonly HashSet<HtmlTagId> ParagraphBlocks =
    [
        HtmlTagId.P, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3, HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.BlockQuote,
        HtmlTagId.Pre,
    ];

    public static EmailHtmlText Convert(string html)
    {
        var output = new StringBuilder(html.Length / 2);
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        var skipDepth = 0;
        var preDepth = 0;
        var quoteMarked = false;
        var links = new Stack<(string? Href, int TextStart)>();
        var pendingSpace = false;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag:
                    if (Skipped.Contains(tag.Id) || (tag.Id == HtmlTagId.Unknown && tag.Name.Equals("template", StringComparison.OrdinalIgnoreCase)))
                    {
                        if (!tag.IsEmptyElement)
                        {
                            skipDepth = Math.Max(0, skipDepth + (tag.IsEndTag ? -1 : 1));
                        }

                        break;
                    }

                    if (skipDepth > 0)
                    {
                        break;
                    }

                    if (!tag.IsEndTag && !quoteMarked && IsQuote(tag))
                    {
                        // Marks the end of the text before the quote (not the line breaks after it) for the display cut.
                        var end = output.Length;
                        while (end > 0 && char.IsWhiteSpace(output[end - 1]))
                        {
                            end--;
                        }

                        output.Insert(end, QuoteMarker);
                        quoteMarked = true;
                    }

                    pendingSpace = HandleTag(tag, output, links, ref preDepth) || pendingSpace;
                    break;
                case HtmlDataToken data when token.Kind == HtmlTokenKind.Data || token.Kind == HtmlTokenKind.CData:
                    if (skipDepth > 0)
                    {
                        break;
                    }

                    pendingSpace = AppendText(output, data.Data, preDepth > 0, pendingSpace);
                    break;
            }
        }

        var text = Tidy(output.ToString());
        var marker = text.IndexOf(QuoteMarker, StringComparison.Ordinal);
        return marker < 0 ? new EmailHtmlText(text, null) : new EmailHtmlText(text.Remove(marker, 1), marker);
    }

    private static bool IsQuote(HtmlTagToken tag)
    {
        if (tag.Id == HtmlTagId.BlockQuote)
        {
            return tag.Attributes.Any(a => a.Name.Equals("type", StringComparison.OrdinalIgnoreCase) && string.Equals(a.Value?.Trim(), "cite", StringComparison.OrdinalIgnoreCase));
        }

        if (tag.Id == HtmlTagId.Div)
        {
            return tag.Attributes.Any(a => a.Name.Equals("class", StringComparison.OrdinalIgnoreCase)
                && (a.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(c => c.Equals("gmail_quote", StringComparison.OrdinalIgnoreCase)));
        }

        return false;
    }

    /// <summary>Writes what a tag means in plain text; true when a space should separate what follows.</summary>
    private static bool HandleTag(HtmlTagToken tag, StringBuilder output, Stack<(string? Href, int TextStart)> links, ref int preDepth)
    {
        switch (tag.Id)
        {
            case HtmlTagId.Br:
                TrimTrailingSpaces(output);
                output.Append('\n');
                return false;
            case HtmlTagId.HR:
                EnsureLineBreaks(output, 1);
                output.Append("----------\n");
                return false;
            case HtmlTagId.LI:
                if (!tag.IsEndTag)
                {
                    EnsureLineBreaks(output, 1);
                    output.Append("- ");
                }
                else
                {
                    EnsureLineBreaks(output, 1);
                }

                return false;
            case HtmlTagId.TD or HtmlTagId.TH:
                return tag.IsEndTag;
            case HtmlTagId.A:
                if (!tag.IsEndTag && !tag.IsEmptyElement)
                {
                    var href = tag.Attributes.FirstOrDefault(a => a.Name.Equals("href", StringComparison.OrdinalIgnoreCase))?.Value;
                    links.Push((href, output.Length));
                }
                else if (tag.IsEndTag && links.Count > 0)
                {
                    var (href, start) = links.Pop();
                    AppendLinkTarget(output, href, start);
                }

                return false;
            case HtmlTagId.Image:
                return true;
        }

        if (ParagraphBlocks.Contains(tag.Id))
        {
            if (tag.Id == HtmlTagId.Pre)
            {
                preDepth = Math.Max(0, preDepth + (tag.IsEndTag ? -1 : 1));
            }

            EnsureLineBreaks(output, 2);
            return false;
        }

        if (LineBlocks.Contains(tag.Id))
        {
            EnsureLineBreaks(output, 1);
            return false;
        }

        return false;
    }

    private static void AppendLinkTarget(StringBuilder output, string? href, int textStart)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return;
        }

        var target = href.Trim();
        if (target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            target = target[7..].Split('?')[0];
        }
        else if (!target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var linkText = output.ToString(textStart, output.Length - textStart).Trim();
        if (linkText.Length == 0 || string.Equals(linkText, target, StringComparison.OrdinalIgnoreCase)
            || string.Equals(linkText, href.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            if (linkText.Length == 0)
            {
                output.Append(target);
            }

            return;
        }

        TrimTrailingSpaces(output);
        output.Append(" (").Append(target).Append(')');
    }

    private static bool AppendText(StringBuilder output, string text, bool preformatted, bool pendingSpace)
    {
        if (preformatted)
        {
            foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
            {
                if (c is '\n' or '\t' || !char.IsControl(c))
                {
                    output.Append(c);
                }
            }

            return false;
        }

        var atLineStart = output.Length == 0 || output[^1] == '\n';
        var wroteAny = false;
        var spaceBefore = pendingSpace;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0')
            {
                spaceBefore = true;
                continue;
            }

            if (char.IsControl(c) || c is '\u200B' or '\uFEFF')
            {
                continue;
            }

            if (spaceBefore && !atLineStart && output.Length > 0 && output[^1] != ' ' && output[^1] != '\n')
            {
                output.Append(' ');
            }

            spaceBefore = false;
            atLineStart = false;
            output.Append(c == '\u00A0' ? ' ' : c);
            wroteAny = true;
        }

        return spaceBefore && (wroteAny || pendingSpace);
    }

    private static void EnsureLineBreaks(StringBuilder output, int count)
    {
        TrimTrailingSpaces(output);
        if (output.Length == 0)
        {
            return;
        }

        var existing = 0;
        for (var i = output.Length - 1; i >= 0 && output[i] == '\n'; i--)
        {
            existing++;
        }

        for (var i = existing; i < count; i++)
        {
            output.Append('\n');
        }
    }

    private static void TrimTrailingSpaces(StringBuilder output)
    {
        while (output.Length > 0 && output[^1] is ' ' or '\t')
        {
            output.Length--;
        }
    }

    /// <summary>Trims every line and collapses runs of blank lines to one.</summary>
    private static string Tidy(string text)
    {
        var result = new StringBuilder(text.Length);
        var blankRun = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (line.Trim().Length == 0)
            {
                blankRun++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blankRun > 0 ? "\n\n" : "\n");
            }

            blankRun = 0;
            result.Append(line);
        }

        return result.ToString();
    }
}
