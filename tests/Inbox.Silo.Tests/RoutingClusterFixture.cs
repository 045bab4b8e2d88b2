namespace Inbox.Silo.Tests;

/// <summary>
/// Three silos in one process on one SQLite file, so a team's queue grain, the operators' presence grains and the
/// conversations' grains live on different silos, as on several nodes. Presence is quick (1 s grace, 2 s connection
/// lifetime), each silo sweeps every 300 ms, and assignments do not expire (<see cref="AcceptTimeoutClusterFixture"/> tests that).
/// </summary>
public sealed class RoutingClusterFixture() : ClusterFixture(new Dictionary<string, string>
{
    ["Chatbot:Enabled"] = "false",
    ["Routing:OfflineGrace"] = "00:00:01",
    ["Routing:ConnectionLifetime"] = "00:00:02",
    ["Routing:AcceptTimeout"] = "00:00:00",
    ["Routing:SweepInterval"] = "00:00:00.300",
}, silos: 3);

/// <summary>One silo where an assignment not opened within 2 s expires, swept every 300 ms.</summary>
public sealed class AcceptTimeoutClusterFixture() : ClusterFixture(new Dictionary<string, string>
{
    ["Chatbot:Enabled"] = "false",
    ["Routing:AcceptTimeout"] = "00:00:02",
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
