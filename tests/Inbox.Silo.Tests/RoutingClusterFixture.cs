namespace Inbox.Silo.Tests;

/// <summary>
/// Three silos in one process on one SQLite file, so a team's queue grain, the operators' presence grains and the
/// conversations' grains live on different silos, as on several nodes. An operator is offline 1 s after their last console
/// closes; a connection counts for a minute without renewal (no test node renews it, and a test on a busy machine may take
/// longer than a few seconds); each silo sweeps every 300 ms; assignments do not expire (<see cref="AcceptTimeoutClusterFixture"/> tests that).
/// </summary>
public sealed class RoutingClusterFixture() : ClusterFixture(new Dictionary<string, string>
{
    ["Chatbot:Enabled"] = "false",
    ["Routing:OfflineGrace"] = "00:00:01",
    ["Routing:ConnectionLifetime"] = "00:01:00",
    ["Routing:AcceptTimeout"] = "00:00:00",
    ["Routing:SweepInterval"] = "00:00:00.300",
}, silos: 3);

/// <summary>One silo where an assignment not opened within 5 s expires (long enough for a test to open it first on a busy machine), swept every 300 ms.</summary>
public sealed class AcceptTimeoutClusterFixture() : ClusterFixture(new Dictionary<string, string>
{
    ["Chatbot:Enabled"] = "false",
    ["Routing:AcceptTimeout"] = "00:00:05",
    ["Routing:SweepInterval"] = "00:00:00.300",
});

[CollectionDefinition(Name)]
public sealed class AcceptTimeoutClusterCollection : ICollectionFixture<AcceptTimeoutClusterFixture>
{
    public const string Name = "accept timeout cluster";
}

[CollectionDefinition(Name)]
public sealed class RoutingClusterCollection : ICollectionFixture<RoutingClusterFixture>
{
    public const string Name = "routing cluster";
}
