namespace Inbox.Connectors.Webhooks;

/// <summary><c>Webhooks</c>: how queued provider requests are retried.</summary>
public sealed class WebhookIntakeOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Failed attempts after which an entry becomes a dead letter (kept, logged, shown in <c>/health/ready</c>).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>From this attempt on a message is stored without what cannot be fetched (files become notes, no name).</summary>
    public int BestEffortAfterAttempts { get; set; } = 4;

    /// <summary>The pause after the first failure; it doubles after each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Partitions (senders) processed at the same time.</summary>
    public int MaxConcurrency { get; set; } = 4;
}
