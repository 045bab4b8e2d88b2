using Inbox.Domain.Conversations;

namespace Inbox.Silo;

/// <summary>For a silo with no chatbot beside it: conversations start in the queue.</summary>
public sealed class NoBotTrigger : IBotTrigger
{
    public bool Enabled => false;

    public void Trigger(Guid conversationId, Guid inboundMessageId)
    {
    }
}
