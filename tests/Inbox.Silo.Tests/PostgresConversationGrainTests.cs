using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresConversationGrainTests(PostgresClusterFixture fixture) : ConversationGrainTests(fixture)
{
    [Fact]
    public void The_grains_use_the_PostgreSQL_stores()
    {
        Assert.IsType<PostgresConversationStore>(fixture.SiloServices.GetRequiredService<IConversationStore>());
        Assert.IsType<PostgresOutboxStore>(fixture.SiloServices.GetRequiredService<IOutboxStore>());
        Assert.IsType<PostgresCustomerDirectory>(fixture.SiloServices.GetRequiredService<FaultyCustomerDirectory>().Stored); // behind the tests' wrapper
    }
}
