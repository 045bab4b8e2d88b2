namespace Inbox.Silo.Tests;

[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresCsatGrainTests(PostgresClusterFixture fixture) : CsatGrainTests(fixture);
