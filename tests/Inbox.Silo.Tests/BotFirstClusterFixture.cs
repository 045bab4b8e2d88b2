namespace Inbox.Silo.Tests;

/// <summary>
/// A standalone silo with the bot switched on by configuration only: no chatbot and no outbox dispatcher live in it,
/// as on a silo run alone; the "web nodes" are observers a test subscribes.
/// </summary>
public sealed class BotFirstClusterFixture() : ClusterFixture(new Dictionary<string, string>
{
    ["Conversations:InitialStatus"] = "Bot",
    ["Chatbot:Enabled"] = "true",
});

[CollectionDefinition(Name)]
public sealed class BotFirstClusterCollection : ICollectionFixture<BotFirstClusterFixture>
{
    public const string Name = "bot-first cluster";
}
