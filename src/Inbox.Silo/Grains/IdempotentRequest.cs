using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;

namespace Inbox.Silo.Grains;

/// <summary>
/// An operator's reply or note made under an idempotency key: who, the key, the hash of what was asked, and the oldest key
/// creation time still kept (the retention).
/// </summary>
internal sealed record IdempotentRequest(Guid OperatorId, string Key, string Fingerprint, DateTimeOffset NotBefore)
{
    /// <summary>The key's row, stored with <paramref name="message"/> in its commit.</summary>
    public IdempotencyRecord For(TimelineMessage message) =>
        new(message.ConversationId, OperatorId, Key, Fingerprint, message.MessageId, message.CreatedAt, NotBefore);
}
