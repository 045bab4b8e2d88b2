namespace Inbox.Connectors;

/// <summary>Where a connector reports delivery receipts. States only move forward; a late receipt changes nothing.</summary>
public interface IDeliveryReceipts
{
    /// <summary>False when no message of that channel has that provider id.</summary>
    Task<bool> RecordAsync(DeliveryReceipt receipt, CancellationToken cancellationToken);
}
