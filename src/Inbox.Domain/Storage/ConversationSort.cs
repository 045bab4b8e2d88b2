namespace Inbox.Domain.Storage;

/// <summary>The order of the conversation list.</summary>
public enum ConversationSort
{
    /// <summary>Newest activity first (priority first), the queue alone (only queued) in the queue's order.</summary>
    Default,

    /// <summary>The queue's order, whatever the statuses: the handoff's priority (possible victims first), then the longest wait.</summary>
    Waiting,

    /// <summary>The newest activity (last message) first.</summary>
    Newest,

    /// <summary>The oldest activity first.</summary>
    Oldest,
}
