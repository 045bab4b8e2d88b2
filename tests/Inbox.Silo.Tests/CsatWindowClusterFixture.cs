namespace Inbox.Silo.Tests;

/// <summary>A silo whose customers' ratings count for one second only (<c>Csat:AnswerWindow</c>), so a test can answer too late.</summary>
public sealed class CsatWindowClusterFixture() : ClusterFixture(new Dictionary<string, string>
{
    ["Chatbot:Enabled"] = "false",
    ["Csat:AnswerWindow"] = "00:00:01",
});

[CollectionDefinition(Name)]
public sealed class CsatWindowClusterCollection : ICollectionFixture<CsatWindowClusterFixture>
{
    public const string Name = "cluster-csat-window";
}
