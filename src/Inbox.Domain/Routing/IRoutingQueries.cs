using Inbox.Domain.Conversations;

namespace Inbox.Domain.Routing;

/// <summary>What automatic assignment reads of the store: a team's queue in its order, an operator's load, assignments nobody opened.</summary>
public interface IRoutingQueries
{
    /// <summary>
    /// The team's queued, unassigned conversations in the queue's order: the handoff's priority (possible victims first),
    /// then the longest wait (<see cref="ConversationSnapshot.QueuedAt"/>), at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<ConversationSnapshot>> ListQueuedAsync(string team, int limit, CancellationToken cancellationToken = default);

    /// <summary>How many conversations are assigned to the operator now (status assigned).</summary>
    Task<int> CountAssignedAsync(Guid operatorId, CancellationToken cancellationToken = default);

    /// <summary>Conversations assigned by routing whose assignee has not opened them since before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<ConversationSnapshot>> ListUnopenedAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}
