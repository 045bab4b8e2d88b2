using MimeKit;
using Inbox.Identity;

namespace Inbox.Connectors.Email;

/// <summary>Email addresses as identities (<c>email:ivan@example.com</c>, lower case) and our own addresses.</summary>
public static class EmailAddresses
{
    /// <summary>The first plain mailbox of an address list (groups are opened).</summary>
    public static MailboxAddress? FirstMailbox(InternetAddressList? list) => list?.Mailboxes.FirstOrDefault(m => EmailAddressNormalizer.TryNormalize(m.Address, out _));

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

        return MailboxAddress.TryParse(configured.Trim(), out var mailbox) && EmailAddressNormalizer.TryNormalize(mailbox.Address, out _) ? mailbox : null;
    }
}
