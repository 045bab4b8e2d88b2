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
}
