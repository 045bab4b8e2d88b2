namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>The host registers receipts for every connector; Telegram's Bot API has none, so this must stay empty.</summary>
public sealed class RecordingDeliveryReceipts : IDeliveryReceipts
{
    public List<DeliveryReceipt> Receipts { get; } = [];

    public Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken)
    {
        lock (Receipts)
        {
            Receipts.Add(receipt);
        }

        return Task.FromResult(false);
    }
}
