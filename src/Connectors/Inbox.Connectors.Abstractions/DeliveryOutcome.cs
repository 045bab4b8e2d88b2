namespace Inbox.Connectors;

/// <summary>What became of one attempt to deliver an outbound message.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>The provider took the message.</summary>
    public sealed record Sent(string? ProviderMessageId) : DeliveryOutcome;

    /// <summary>The provider confirmed that the customer's device has it.</summary>
    public sealed record Delivered(string? ProviderMessageId) : DeliveryOutcome;

    /// <summary>A passing failure (timeout, 5xx, rate limit): try again later.</summary>
    public sealed record Retry(string Reason, TimeSpan? After = null) : DeliveryOutcome;

    /// <summary>A failure that retrying will not fix, in words an operator understands.</summary>
    /// <param name="RecipientUnreachable">The customer cannot be written to on this identity at all (blocked the bot, deactivated).</param>
    public sealed record Failed(string Reason, bool RecipientUnreachable = false) : DeliveryOutcome;
}
