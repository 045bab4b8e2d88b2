namespace Inbox.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SqliteConversationGrainTests(ClusterFixture fixture) : ConversationGrainTests(fixture);
