using Inbox.Connectors.Webhooks;
using Inbox.Domain.Storage;

namespace Inbox.Web.Inbound;

/// <summary>The connectors' webhook intake in the store (<see cref="IWebhookQueueStore"/>).</summary>
public sealed class WebhookIntakeStore(IWebhookQueueStore queue) : IWebhookIntakeStore
{
    public Task<long> AddAsync(string source, string partition, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken) =>
        queue.AddAsync(source, partition, payload, receivedAt, cancellationToken);

    public async Task<IReadOnlyList<QueuedWebhook>> ListAsync(CancellationToken cancellationToken) =>
        (await queue.ListAsync(cancellationToken))
        .Select(e => new QueuedWebhook(e.Id, e.Source, e.Partition, e.Payload, e.ReceivedAt, e.Attempts, e.LastError, e.Dead))
        .ToList();

    public Task RecordFailureAsync(long id, int attempts, string error, bool dead, CancellationToken cancellationToken) =>
        queue.RecordFailureAsync(id, attempts, error, dead, cancellationToken);

    public Task RemoveAsync(long id, CancellationToken cancellationToken) => queue.RemoveAsync(id, cancellationToken);
}
