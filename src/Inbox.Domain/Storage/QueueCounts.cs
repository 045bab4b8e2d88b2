namespace Inbox.Domain.Storage;

/// <summary>
/// The queue counted by handoff priority, to tell a customer handed off now the place the operators' queue will show them at.
/// The queue's order (<see cref="IConversationQueries.ListConversationsAsync"/> for status <c>queued</c>) is the handoff's
/// priority first, then the longest wait, then those that never recorded when they entered. A conversation handed off now is
/// the newest of its priority: every conversation of a higher priority and every one of its own priority with an entry time
/// come before it.
/// </summary>
public sealed record QueueCounts(IReadOnlyList<QueuedGroup> Groups)
{
    /// <summary>The 1-based place of a conversation handed off now with <paramref name="priority"/>.</summary>
    public int PlaceFor(int priority) =>
        1 + Groups.Where(g => g.Priority > priority).Sum(g => g.Count) + Groups.Where(g => g.Priority == priority).Sum(g => g.CountWithEntryTime);
}
