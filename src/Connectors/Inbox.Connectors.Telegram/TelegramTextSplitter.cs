namespace Inbox.Connectors.Telegram;

/// <summary>
/// Cuts a long reply into messages Telegram accepts (at most 4096 UTF-16 units each). Cuts after a line break when there is
/// one in the second half of the piece, else after a space, else at the limit; never between the two halves of a surrogate pair.
/// Joined together the pieces give back the text (pieces of whitespace only are left out, since Telegram refuses empty messages).
/// </summary>
public static class TelegramTextSplitter
{
    public const int MaxMessageLength = 4096;

    public static IReadOnlyList<string> Split(string text, int maxLength = MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var pieces = new List<string>();
        var start = 0;
        while (text.Length - start > maxLength)
        {
            var length = CutLength(text, start, maxLength);
            Add(pieces, text.Substring(start, length));
            start += length;
        }

        Add(pieces, text[start..]);
        return pieces;
    }

    private static int CutLength(string text, int start, int maxLength)
    {
        var window = text.AsSpan(start, maxLength);
        var half = maxLength / 2;
        var newline = window.LastIndexOf('\n');
        if (newline >= half)
        {
            return newline + 1;
        }

        for (var i = window.Length - 1; i >= half; i--)
        {
            if (char.IsWhiteSpace(window[i]))
            {
                return i + 1;
            }
        }

        // No good place: cut at the limit, but keep a surrogate pair (an emoji, say) whole.
        return char.IsHighSurrogate(window[^1]) && start + maxLength < text.Length && char.IsLowSurrogate(text[start + maxLength])
            ? maxLength - 1
            : maxLength;
    }

    private static void Add(List<string> pieces, string piece)
    {
        if (!string.IsNullOrWhiteSpace(piece))
        {
            pieces.Add(piece);
        }
    }
}
