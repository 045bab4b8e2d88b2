namespace Inbox.Silo;

/// <summary>The <c>Orleans</c> section: the silo's ports and cluster, on localhost (embedded default) or in a PostgreSQL cluster.</summary>
public sealed class InboxClusterOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "inbox-dev";

    /// <summary>The IP address other silos and clients reach this silo at, in a cluster (<c>Storage:Provider</c> = <c>Postgres</c>); loopback when empty.</summary>
    public string? AdvertisedAddress { get; set; }
}
