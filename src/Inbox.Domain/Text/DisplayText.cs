using System.Text;

namespace Inbox.Domain.Text;

/// <summary>
/// Making names safe to show: a name is one line, without control characters and without the bidirectional controls
/// (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) that make "invoice‮fdp.exe" read as "invoiceexe.pdf"; and cutting
/// a text to a length without splitting a surrogate pair.
/// </summary>
public static class DisplayText
{
    /// <summary>The ellipsis a cut name ends with.</summary>
    public const string Ellipsis = "…";

    public static bool IsBidiControl(char c) =>
        c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Whether a one-line value (a name, a login) holds a character it may not: a control character (a line break, NUL…).</summary>
    public static bool HasControl(string text) => text.Any(char.IsControl);

    /// <summary>Whether a text that may span lines holds a control character other than a line break or a tab.</summary>
    public static bool HasControlBesidesLineBreaks(string text) => text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    /// <summary>Without the bidirectional controls.</summary>
    public static string WithoutBidiControls(string text) =>
        text.Any(IsBidiControl) ? string.Concat(text.Where(c => !IsBidiControl(c))) : text;

    /// <summary>
    /// One clean line: bidirectional controls removed, every other control character (line breaks, tabs, NUL) and every run
    /// of white space made one space, trimmed, and cut to <paramref name="maxLength"/> with an ellipsis. Null when nothing is left.
    /// </summary>
    public static string? Line(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var line = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (IsBidiControl(c))
            {
                continue;
            }

            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                space = line.Length > 0;
                continue;
            }

            if (space)
            {
                line.Append(' ');
                space = false;
            }

            line.Append(c);
            if (line.Length > maxLength)
            {
                break; // enough to know it is cut
            }
        }

        return line.Length == 0 ? null : Cut(line.ToString(), maxLength, Ellipsis);
    }

    /// <summary>The text cut to at most <paramref name="maxLength"/> characters (the marker included), never inside a surrogate pair.</summary>
    public static string Cut(string text, int maxLength, string marker = "")
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = Math.Max(0, maxLength - marker.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return text[..keep] + marker;
    }
}
