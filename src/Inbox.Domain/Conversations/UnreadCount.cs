namespace Inbox.Domain.Conversations;

/// <summary>The customer's messages (not automated) after the operator's read marker, and the marker itself (0: never read).</summary>
public sealed record UnreadCount(Guid ConversationId, int Unread, long ReadSequence);
