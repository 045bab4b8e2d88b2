namespace Inbox.Connectors.Webhooks;

/// <summary>
/// Where <see cref="WebhookIntake"/> keeps provider requests between the acknowledgement and their processing. Every write
/// completes only when it is durable.
/// </summary>
public interface IWebhookIntakeStore
{
    /// <summary>Stores a new entry; returns its id (arrival order).</summary>
    Task<long> AddAsync(string source, string partition, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>Every entry left, pending and dead, in arrival order.</summary>
    Task<IReadOnlyList<QueuedWebhook>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Notes a failed attempt; <paramref name="dead"/> stops further attempts.</summary>
    Task RecordFailureAsync(long id, int attempts, string error, bool dead, CancellationToken cancellationToken);

    /// <summary>Removes an entry once it has been processed.</summary>
    Task RemoveAsync(long id, CancellationToken cancellationToken);
}
