namespace Inbox.Connectors.Vk;

/// <summary>Splits a long reply into parts of at most a given length, at a paragraph, line or word break when there is one in the second half of a part; never inside a surrogate pair.</summary>
public static class VkTextSplitter
{
    public static IReadOnlyList<string> Split(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var parts = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return parts;
        }

        var rest = text.AsSpan().Trim();
        while (rest.Length > maxLength)
        {
            var window = rest[..maxLength];
            var cut = LastBreak(window, "\n\n", maxLength / 2);
            if (cut < 0)
            {
                cut = LastBreak(window, "\n", maxLength / 2);
            }

            if (cut < 0)
            {
                cut = LastBreak(window, " ", maxLength / 2);
            }

            if (cut < 0)
            {
                cut = maxLength;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }
            }

            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(part.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    private static int LastBreak(ReadOnlySpan<char> window, string separator, int notBefore)
    {
        var index = window.LastIndexOf(separator.AsSpan(), StringComparison.Ordinal);
        return index >= notBefore ? index : -1;
    }
}
