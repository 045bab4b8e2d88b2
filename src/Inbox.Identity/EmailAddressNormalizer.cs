using System.Diagnostics.CodeAnalysis;

namespace Inbox.Identity;

/// <summary>
/// The one reading of an email address as an identity: one plain address (<c>local@domain.tld</c>, angle brackets allowed
/// around it), lower case. Display names, lists, spaces and domains without a dot are refused.
/// </summary>
public static class EmailAddressNormalizer
{
    private const int MaxLength = 254;

    /// <summary>The lower-case address, when <paramref name="raw"/> is one plain address.</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var text = raw.Trim();
        if (text.StartsWith('<') && text.EndsWith('>'))
        {
            text = text[1..^1].Trim();
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@', StringComparison.Ordinal) != at || text.Length > MaxLength
            || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '[' or ']' or '\\'))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        if (!domain.Contains('.', StringComparison.Ordinal) || domain.StartsWith('.') || domain.EndsWith('.')
            || domain.Contains("..", StringComparison.Ordinal) || text[..at].StartsWith('.') || text[..at].EndsWith('.'))
        {
            return false;
        }

        address = text.ToLowerInvariant();
        return true;
    }

    /// <summary>The <c>email:</c> identity of the address, or null when it is not one plain address.</summary>
    public static ChannelIdentity? ToIdentity(string? raw) =>
        TryNormalize(raw, out var address) ? new ChannelIdentity(IdentityKinds.Email, address) : null;
}
