using MimeKit;

namespace Inbox.Connectors.Email;

/// <summary>
/// A mail as read from the server. Parts the server said are larger than the attachment cap were not downloaded: they stand
/// in the tree with their type and name but no content, and are listed in <see cref="OmittedParts"/> with their encoded size.
/// </summary>
/// <param name="ReceivedAt">The server's INTERNALDATE, used when the mail has no usable Date.</param>
public sealed record EmailFetchedMail(MimeMessage Message, IReadOnlyDictionary<MimeEntity, long> OmittedParts, DateTimeOffset? ReceivedAt)
{
    public static EmailFetchedMail Whole(MimeMessage message, DateTimeOffset? receivedAt = null) =>
        new(message, new Dictionary<MimeEntity, long>(ReferenceEqualityComparer.Instance), receivedAt);
}
