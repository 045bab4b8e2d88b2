namespace Inbox.Connectors.Leases;

/// <summary><c>Cluster:Leases</c>: how connector loops that run once per cluster hold their lease.</summary>
public sealed class ClusterSingletonOptions
{
    public const string SectionName = "Cluster:Leases";

    /// <summary>How long a lease lasts without renewal: after a node dies, another takes its loops over within this time.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the owner renews; also how often a node that waits asks for the lease. Well below <see cref="Duration"/>.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);
}
