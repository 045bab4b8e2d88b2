namespace Inbox.Domain.Conversations;

/// <summary>A request a conversation refuses, with the reason shown to the operator (an HTTP 409 or 400).</summary>
[GenerateSerializer, Alias("Inbox.ConversationException")]
public class ConversationException : Exception
{
    public ConversationException(string message) : base(message)
    {
    }

    public ConversationException(string message, Exception inner) : base(message, inner)
    {
    }

    public ConversationException()
    {
    }
}
