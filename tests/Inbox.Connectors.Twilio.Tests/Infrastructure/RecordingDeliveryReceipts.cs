using System.Collections.Concurrent;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>
/// Stands in for the host's receipts: knows the provider ids of messages "sent" (<see cref="Know"/>), answers false for others,
/// and records every call as it came (it does not itself refuse to move backwards, so tests see what the connector passes on).
/// </summary>
public sealed class RecordingDeliveryReceipts : IDeliveryReceipts
{
    private readonly ConcurrentDictionary<(string Channel, string Id), int> _known = new();

    public ConcurrentQueue<(DeliveryReceipt Receipt, bool Known)> Calls { get; } = new();

    /// <summary>A message with this provider id exists, from the <paramref name="afterCalls"/>-th call on (0: at once).</summary>
    public void Know(string channel, string providerMessageId, int afterCalls = 0) => _known[(channel, providerMessageId)] = afterCalls;

    public IReadOnlyList<DeliveryReceipt> Recorded => Calls.Where(c => c.Known).Select(c => c.Receipt).ToList();

    public Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        var known = false;
        if (_known.TryGetValue((receipt.Channel, receipt.ProviderMessageId), out var afterCalls))
        {
            var callsSoFar = Calls.Count(c => c.Receipt.ProviderMessageId == receipt.ProviderMessageId);
            known = callsSoFar >= afterCalls;
        }

        Calls.Enqueue((receipt, known));
        return Task.FromResult(known);
    }
}
