namespace Inbox.Silo;

/// <summary>The <c>Orleans</c> section: the embedded default's localhost clustering.</summary>
public sealed class InboxClusterOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "inbox-dev";
}
