namespace Inbox.Domain.Storage;

/// <summary>
/// A first message's commit the store refused because the sender's identity, which nobody owned when the message came, has
/// an owner by then (another first message from the same address was stored first). Nothing of the commit is written; the
/// message belongs to that owner, and the inbound pipeline resolves its sender again and hands it to the owner's conversation.
/// </summary>
[GenerateSerializer, Alias("Inbox.IdentityClaimedException")]
public sealed class IdentityClaimedException : Exception
{
    public IdentityClaimedException(string message) : base(message)
    {
    }

    public IdentityClaimedException(string message, Exception inner) : base(message, inner)
    {
    }
}
