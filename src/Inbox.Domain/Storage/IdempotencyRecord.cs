namespace Inbox.Domain.Storage;

/// <summary>
/// An operator's request made once under a client-made key (<c>Idempotency-Key</c>): the key is stored with the message it
/// created, in the same transaction, unique by conversation, operator and key. <see cref="Fingerprint"/> is a hash of what was
/// asked, so that the same key with another request is told apart from a retry. A commit drops the conversation's keys created
/// before <see cref="ExpiredBefore"/> (the retention), so an old key may be used again.
/// </summary>
public sealed record IdempotencyRecord(
    Guid ConversationId,
    Guid OperatorId,
    string Key,
    string Fingerprint,
    Guid MessageId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiredBefore);
