namespace Inbox.Domain.Conversations;

/// <summary>Where an outbound message is on its way to the customer. States only move forward.</summary>
[GenerateSerializer, Alias("Inbox.DeliveryState")]
public enum DeliveryState
{
    Queued = 0,
    Sent = 1,
    Delivered = 2,
    Failed = 3,
}

public static class DeliveryStateRules
{
    /// <summary>True when <paramref name="next"/> may follow <paramref name="current"/>: forward only, and a failure is final.</summary>
    public static bool CanMoveTo(this DeliveryState current, DeliveryState next) => current switch
    {
        DeliveryState.Queued => true,
        DeliveryState.Sent => next is DeliveryState.Delivered or DeliveryState.Failed,
        DeliveryState.Delivered => false,
        DeliveryState.Failed => false,
        _ => false,
    };
}
