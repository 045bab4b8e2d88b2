namespace Inbox.Silo.Tests;

[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresIdentityAndCustomerGrainTests(PostgresClusterFixture fixture) : IdentityAndCustomerGrainTests(fixture);
