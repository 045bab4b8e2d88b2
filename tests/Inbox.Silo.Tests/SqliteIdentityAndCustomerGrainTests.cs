namespace Inbox.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SqliteIdentityAndCustomerGrainTests(ClusterFixture fixture) : IdentityAndCustomerGrainTests(fixture);
