using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>A filter on the conversation list: by status, by assignee (or unassigned), newest activity first.</summary>
public sealed record ConversationQuery(
    IReadOnlyList<ConversationStatus>? Statuses,
    Guid? AssigneeId,
    bool UnassignedOnly,
    int Offset,
    int Limit);
