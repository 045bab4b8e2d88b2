namespace Inbox.Web.Outbox;

/// <summary><c>Outbox</c>: how replies are delivered and retried.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the dispatcher looks for due entries when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this many failed attempts the message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait after the first failure; it doubles each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many deliveries run at once on this node.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a taken entry is hidden from other nodes; after that it is retried by whoever takes it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
