namespace Inbox.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SqlitePresenceGrainTests(ClusterFixture fixture) : PresenceGrainTests(fixture);
