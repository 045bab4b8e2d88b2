namespace Inbox.Connectors.Testing;

/// <summary>
/// Stands in for the host's receipts: knows the provider ids of messages "sent" (<see cref="Know"/>), answers false for others,
/// and records every call as it came (it does not itself refuse to move backwards, so tests see what the connector passes on);
/// given an <see cref="EventLog"/> it logs each call ("receipt:id:status:known"). Registered for every connector, since the
/// host provides receipts to all: for a channel without receipts it must stay empty.
/// </summary>
public sealed class RecordingDeliveryReceipts(EventLog? log = null) : IDeliveryReceipts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string Id), int> _known = [];
    private readonly List<(DeliveryReceipt Receipt, bool Known)> _calls = [];

    /// <summary>Pulsed on every call.</summary>
    public Signal Changed { get; } = new();

    /// <summary>Every receipt handed in, in order, with whether it was known.</summary>
    public IReadOnlyList<(DeliveryReceipt Receipt, bool Known)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Every receipt handed in, in order, known or not.</summary>
    public IReadOnlyList<DeliveryReceipt> Receipts => [.. Calls.Select(c => c.Receipt)];

    /// <summary>The receipts that were known (recorded against a message).</summary>
    public IReadOnlyList<DeliveryReceipt> Recorded => [.. Calls.Where(c => c.Known).Select(c => c.Receipt)];

    /// <summary>A message with this provider id exists, from the <paramref name="afterCalls"/>-th call on (0: at once).</summary>
    public void Know(string channel, string providerMessageId, int afterCalls = 0)
    {
        lock (_gate)
        {
            _known[(channel, providerMessageId)] = afterCalls;
        }
    }

    public Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        bool known;
        lock (_gate)
        {
            known = _known.TryGetValue((receipt.Channel, receipt.ProviderMessageId), out var afterCalls)
                && _calls.Count(c => c.Receipt.ProviderMessageId == receipt.ProviderMessageId) >= afterCalls;
            _calls.Add((receipt, known));
        }

        log?.Add($"receipt:{receipt.ProviderMessageId}:{receipt.Status}:{known}");
        Changed.Pulse();
        return Task.FromResult(known);
    }
}
