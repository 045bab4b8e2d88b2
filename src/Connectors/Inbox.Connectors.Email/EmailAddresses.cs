using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>Email addresses as identities (<c>email:ivan@example.com</c>, lower case) and our own addresses.</summary>
public static class EmailAddresses
{
    /// <summary>The lower-case address, when <paramref name="raw"/> is one plain address (<c>local@domain</c>).</summary>
    public static bool TryNormalize(string? raw, [NotNullWhen(true)] out string? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var text = raw.Trim().Trim('<', '>').Trim();
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@', StringComparison.Ordinal) != at || text.Length > 254 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';'))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        if (domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        address = text.ToLowerInvariant();
        return true;
    }

    public static ChannelIdentity? ToIdentity(string? raw) =>
        TryNormalize(raw, out var address) ? new ChannelIdentity(IdentityKinds.Email, address) : null;

    /// <summary>The first plain mailbox of an address list (groups are opened).</summary>
    public static MailboxAddress? FirstMailbox(InternetAddressList? list) => list?.Mailboxes.FirstOrDefault(m => TryNormalize(m.Address, out _));

    /// <summary>The address without its <c>+tag</c>: <c>support+c123@shop.example</c> → <c>support@shop.example</c>.</summary>
    public static string WithoutSubaddress(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0)
        {
            return address;
        }

        var plus = address.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 && plus < at ? address[..plus] + address[at..] : address;
    }

    /// <summary>Parses a configured address (<c>Shop &lt;support@shop.example&gt;</c> or a bare address), or null.</summary>
    public static MailboxAddress? ParseConfigured(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        return MailboxAddress.TryParse(configured.Trim(), out var mailbox) && TryNormalize(mailbox.Address, out _) ? mailbox : null;
    }
}
