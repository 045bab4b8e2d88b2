namespace Inbox.Domain.Conversations;

/// <summary>Where a conversation stands: with the bot, waiting in the queue, with an operator, or done.</summary>
[GenerateSerializer, Alias("Inbox.ConversationStatus")]
public enum ConversationStatus
{
    Bot = 0,
    Queued = 1,
    Assigned = 2,
    Resolved = 3,
}
