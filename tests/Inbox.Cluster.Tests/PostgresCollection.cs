namespace Inbox.Cluster.Tests;

/// <summary>Every test class shares the one server and runs one after the other (silos are heavy on two cores).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
