namespace Inbox.Domain.Conversations;

/// <summary>
/// The same idempotency key came back from the same operator with another request (other text, recipient or files, or a note
/// for a reply): nothing is done (an HTTP 422).
/// </summary>
[GenerateSerializer, Alias("Inbox.IdempotencyKeyReusedException")]
public sealed class IdempotencyKeyReusedException : ConversationException
{
    public IdempotencyKeyReusedException(string message) : base(message)
    {
    }

    public IdempotencyKeyReusedException(string message, Exception inner) : base(message, inner)
    {
    }

    public IdempotencyKeyReusedException()
    {
    }
}
