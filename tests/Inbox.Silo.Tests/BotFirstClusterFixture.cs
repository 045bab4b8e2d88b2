namespace Inbox.Silo.Tests;

/// <summary>
/// A silo run alone with the default settings (the bot on, as on a web node): no chatbot and no outbox dispatcher live
/// in it; the "web nodes" are observers a test subscribes.
/// </summary>
public sealed class BotFirstClusterFixture() : ClusterFixture(new Dictionary<string, string>());

[CollectionDefinition(Name)]
public sealed class BotFirstClusterCollection : ICollectionFixture<BotFirstClusterFixture>
{
    public const string Name = "bot-first cluster";
}
