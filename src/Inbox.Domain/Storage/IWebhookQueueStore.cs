namespace Inbox.Domain.Storage;

/// <summary>
/// Provider requests acknowledged before they were processed (the connectors' webhook intake), kept until processed.
/// Every write completes only when it is durable.
/// </summary>
public interface IWebhookQueueStore
{
    Task<long> AddAsync(string source, string partition, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>Every entry left, pending and dead, in arrival order.</summary>
    Task<IReadOnlyList<WebhookQueueEntry>> ListAsync(CancellationToken cancellationToken = default);

    Task RecordFailureAsync(long id, int attempts, string error, bool dead, CancellationToken cancellationToken = default);

    Task RemoveAsync(long id, CancellationToken cancellationToken = default);
}
