namespace Inbox.Connectors.Vk.Tests.Fakes;

/// <summary>The host registers receipts for every connector; VK sends none, so this records that none arrive.</summary>
public sealed class RecordingDeliveryReceipts : IDeliveryReceipts
{
    private readonly Lock _gate = new();
    private readonly List<DeliveryReceipt> _receipts = [];

    public IReadOnlyList<DeliveryReceipt> Receipts
    {
        get
        {
            lock (_gate)
            {
                return [.. _receipts];
            }
        }
    }

    public Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _receipts.Add(receipt);
        }

        return Task.FromResult(false);
    }
}
