namespace Inbox.Connectors;

/// <summary>A provider's later word on a message it took: delivered, or failed after all.</summary>
/// <param name="ProviderMessageId">The id the provider gave when it took the message (<see cref="DeliveryOutcome.Sent"/>).</param>
public sealed record DeliveryReceipt(string Channel, string ProviderMessageId, ReceiptStatus Status, string? Reason);

public enum ReceiptStatus
{
    Sent,
    Delivered,
    Failed,
}
