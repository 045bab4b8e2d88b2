namespace Inbox.Connectors.Telephony;

/// <summary>
/// The little cleaning a caller number gets before it is handed on raw: trimmed, empty becomes null, and the user part
/// taken out of <c>sip:</c>/<c>tel:</c> URIs. Everything else (hidden numbers, national formats) is the host's job.
/// </summary>
public static class CallerNumbers
{
    /// <param name="raw">The value as the provider sent it.</param>
    /// <param name="restoreDecodedPlus">
    /// For form bodies: an unencoded <c>+</c> arrives as a space (<c>from=+7916…</c> reads <c>" 7916…"</c>); a leading space
    /// followed by a digit is put back to <c>+</c>.
    /// </param>
    public static string? FromProvider(string? raw, bool restoreDecodedPlus = false)
    {
        if (raw is null)
        {
            return null;
        }

        if (restoreDecodedPlus && raw.Length > 1 && raw[0] == ' ' && char.IsAsciiDigit(raw[1]))
        {
            raw = "+" + raw[1..];
        }

        var text = raw.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var scheme in (string[])["sips:", "sip:"])
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                var user = text[scheme.Length..];
                var end = user.IndexOfAny(['@', ';', '?']);
                return Nullable(end >= 0 ? user[..end] : user);
            }
        }

        if (text.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            var number = text["tel:".Length..];
            var end = number.IndexOf(';');
            return Nullable(end >= 0 ? number[..end] : number);
        }

        return text;
    }

    private static string? Nullable(string text) => text.Trim() is { Length: > 0 } trimmed ? trimmed : null;
}
