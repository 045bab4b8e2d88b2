using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>
/// A filter on the conversation list: by status, by assignee (or unassigned), by team (<see cref="NoTeam"/>: those without
/// one). Newest activity first; the queue alone (only <see cref="ConversationStatus.Queued"/>) in its own order: the handoff's
/// priority, then the longest wait. The search (issue 15): <see cref="CustomerIds"/> (the customers a search found; empty: none
/// matches), <see cref="Channel"/> (the channel the customer last wrote from), <see cref="Label"/> (one of the conversation's
/// labels) and <see cref="Sort"/>.
/// </summary>
public sealed record ConversationQuery(
    IReadOnlyList<ConversationStatus>? Statuses,
    Guid? AssigneeId,
    bool UnassignedOnly,
    int Offset,
    int Limit,
    string? Team = null,
    IReadOnlyList<Guid>? CustomerIds = null,
    string? Channel = null,
    string? Label = null,
    ConversationSort Sort = ConversationSort.Default)
{
    /// <summary>The <see cref="Team"/> filter for conversations that have no team.</summary>
    public const string NoTeam = "none";
}
