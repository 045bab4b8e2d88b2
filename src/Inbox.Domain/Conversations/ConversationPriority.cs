namespace Inbox.Domain.Conversations;

/// <summary>
/// A conversation's priority, the number <see cref="HandoffInfo.Priority"/> carries (set by the bot's handoff: urgent for a
/// possible victim, high for a fraud report, normal otherwise). A conversation queued without a handoff is normal.
/// </summary>
public enum ConversationPriority
{
    Normal = 0,
    High = 1,
    Urgent = 2,
}
