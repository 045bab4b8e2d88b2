namespace Inbox.Connectors.Twilio;

/// <summary>Twilio's <c>MessageStatus</c> values and the receipt each one makes.</summary>
public static class TwilioMessageStatus
{
    /// <summary>
    /// queued, accepted, scheduled, sending, sent → Sent; delivered, read → Delivered; undelivered, failed, canceled → Failed;
    /// anything else (receiving, received, a status Twilio adds later) → null: nothing to record.
    /// </summary>
    public static ReceiptStatus? ToReceipt(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "queued" or "accepted" or "scheduled" or "sending" or "sent" => ReceiptStatus.Sent,
        "delivered" or "read" => ReceiptStatus.Delivered,
        "undelivered" or "failed" or "canceled" => ReceiptStatus.Failed,
        _ => null,
    };

    /// <summary>How far along a receipt is: a receipt ranked below one already recorded is out of order.</summary>
    public static int Rank(ReceiptStatus status) => status == ReceiptStatus.Sent ? 1 : 2;
}
