using System.Collections.Concurrent;

namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>Records receipts; knows the provider ids in <see cref="KnownIds"/> (our sent Message-IDs) and answers false for others.</summary>
public sealed class RecordingDeliveryReceipts(EventLog log) : IDeliveryReceipts
{
    private readonly ConcurrentQueue<DeliveryReceipt> _receipts = new();

    public ConcurrentDictionary<string, bool> KnownIds { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<DeliveryReceipt> Receipts => [.. _receipts];

    public Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        _receipts.Enqueue(receipt);
        var known = KnownIds.ContainsKey(receipt.ProviderMessageId);
        log.Add($"receipt:{receipt.ProviderMessageId}:{receipt.Status}:{known}");
        return Task.FromResult(known);
    }
}
