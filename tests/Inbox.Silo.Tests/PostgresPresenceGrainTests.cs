namespace Inbox.Silo.Tests;

[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresPresenceGrainTests(PostgresClusterFixture fixture) : PresenceGrainTests(fixture);
