namespace Inbox.Domain.Conversations;

/// <summary>
/// A colleague holds the conversation (<see cref="AssigneeId"/>): assigning it, replying into it or resolving it needs a
/// supervisor or an explicit take-over (an HTTP 409).
/// </summary>
[GenerateSerializer, Alias("Inbox.ConversationHeldException")]
public sealed class ConversationHeldException : ConversationException
{
    public ConversationHeldException(Guid assigneeId, string message) : base(message) => AssigneeId = assigneeId;

    public ConversationHeldException(string message) : base(message)
    {
    }

    public ConversationHeldException(string message, Exception inner) : base(message, inner)
    {
    }

    public ConversationHeldException()
    {
    }

    [Id(0)]
    public Guid AssigneeId { get; set; }
}
