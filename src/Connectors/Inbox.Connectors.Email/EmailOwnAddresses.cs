using Inbox.Identity;
namespace Inbox.Connectors.Email;

/// <summary>
/// Our own addresses: the SMTP From, the Reply-To base, the IMAP login when it is an address, and
/// <see cref="EmailChannelOptions.OwnAddresses"/>; each also with any <c>+tag</c>. Mail from them is a loop, never a customer.
/// </summary>
public sealed class EmailOwnAddresses
{
    private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);

    public EmailOwnAddresses(EmailChannelOptions options)
    {
        var from = EmailAddresses.ParseConfigured(options.Smtp.From);
        var replyTo = EmailAddresses.ParseConfigured(options.ReplyTo);
        ReplyToBase = replyTo?.Address ?? from?.Address ?? (EmailAddressNormalizer.TryNormalize(options.Imap.User, out var login) ? login : null);
        ReplyToBase = ReplyToBase is null ? null : EmailAddresses.WithoutSubaddress(ReplyToBase.ToLowerInvariant());
        foreach (var candidate in (IEnumerable<string?>)[from?.Address, replyTo?.Address, options.Imap.User, .. options.OwnAddresses])
        {
            if (EmailAddressNormalizer.TryNormalize(candidate, out var address))
            {
                _addresses.Add(EmailAddresses.WithoutSubaddress(address));
            }
        }
    }

    /// <summary>The base of our Reply-To plus-addresses (lower case, without a +tag), or null when no address is configured.</summary>
    public string? ReplyToBase { get; }

    public bool Contains(string? address) =>
        EmailAddressNormalizer.TryNormalize(address, out var normalized) && _addresses.Contains(EmailAddresses.WithoutSubaddress(normalized));
}
