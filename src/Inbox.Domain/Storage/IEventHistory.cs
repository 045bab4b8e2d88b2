using Inbox.Domain.Live;

namespace Inbox.Domain.Storage;

/// <summary>The store's events read back for the reports, oldest first (by time, then conversation and sequence).</summary>
public interface IEventHistory
{
    /// <summary>
    /// Every event of each conversation that had an event at or after <paramref name="since"/>, and of the conversations merged
    /// into one of those: whole histories, so that an episode running across <paramref name="since"/> is read from its start.
    /// </summary>
    Task<IReadOnlyList<LiveEvent>> ReadActiveSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Every event of these conversations.</summary>
    Task<IReadOnlyList<LiveEvent>> ReadConversationsAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken cancellationToken = default);
}
