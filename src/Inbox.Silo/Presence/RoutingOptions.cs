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

    /// <summary>How often a node renews its connections.</summary>
    public TimeSpan RenewInterval => ConnectionLifetime / 4;
}
