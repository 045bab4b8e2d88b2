namespace Inbox.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SqliteCsatGrainTests(ClusterFixture fixture) : CsatGrainTests(fixture);
