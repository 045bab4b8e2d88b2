namespace Inbox.Domain.Storage;

/// <summary>A stored provider request of <see cref="IWebhookQueueStore"/>; <see cref="Id"/> is the arrival order.</summary>
public sealed record WebhookQueueEntry(long Id, string Source, string Partition, string Payload, DateTimeOffset ReceivedAt, int Attempts, string? LastError, bool Dead);
