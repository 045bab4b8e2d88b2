namespace Inbox.Silo.Presence;

/// <summary>Presence and capacity (<c>Routing</c>): when an operator counts as offline, and how much work they take at once.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    /// <summary>The highest capacity an admin can set.</summary>
    public const int MaxCapacity = 100;

    /// <summary>How long an operator with no console connected still counts as online (a console that reconnects within it stays online).</summary>
    public TimeSpan OfflineGrace { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a console connection counts without its node renewing it. Nodes renew their connections every quarter of
    /// this, so a node that dies without closing them leaves its operators online for at most this plus <see cref="OfflineGrace"/>.
    /// </summary>
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The number of conversations at once of an operator whose capacity no admin has set.</summary>
    public int DefaultCapacity { get; set; } = 5;

    /// <summary>
    /// How long an operator has to open a conversation routing gave them before it goes back to the queue (and to someone
    /// else first). Zero: assignments never expire.
    /// </summary>
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often each node looks for assignments nobody opened in time, and wakes every team's queue (a safety net for a
    /// wake lost with a node; normally queues are woken as things happen).
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a node renews its connections.</summary>
    public TimeSpan RenewInterval => ConnectionLifetime / 4;
}
