namespace Inbox.Domain.Conversations;

/// <summary>
/// A request a conversation refuses because of what was asked, not of the conversation's state: a reply to a channel or an
/// identity the customer cannot receive on. <see cref="Field"/> names the request's field (an HTTP 400).
/// </summary>
[GenerateSerializer, Alias("Inbox.ConversationInputException")]
public sealed class ConversationInputException : ConversationException
{
    public ConversationInputException(string field, string message) : base(message) => Field = field;

    public ConversationInputException(string message) : base(message)
    {
    }

    public ConversationInputException(string message, Exception inner) : base(message, inner)
    {
    }

    public ConversationInputException()
    {
    }

    [Id(0)]
    public string Field { get; set; } = "";
}
