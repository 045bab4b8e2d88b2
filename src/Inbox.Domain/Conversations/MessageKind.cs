namespace Inbox.Domain.Conversations;

/// <summary>What an item on the timeline is.</summary>
[GenerateSerializer, Alias("Inbox.MessageKind")]
public enum MessageKind
{
    /// <summary>From the customer.</summary>
    Inbound = 0,
    /// <summary>To the customer, from an operator or the bot.</summary>
    Outbound = 1,
    /// <summary>A private note between operators; the customer never sees it.</summary>
    Note = 2,
    /// <summary>A call rang, was answered or ended.</summary>
    CallEvent = 3,
    /// <summary>
    /// Something an operator did to the conversation that the team should see: a take-over of a colleague's conversation.
    /// The text says it; the metadata names the operators (<c>action</c>, <c>previousAssigneeId</c>, <c>byOperatorId</c>…).
    /// </summary>
    Event = 4,
}
