using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;
using Inbox.Testing.Postgres;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>The whole web node with <c>Storage:Provider=Postgres</c>: demo operators, the inbound API and its de-duplication on PostgreSQL.</summary>
public sealed class PostgresNodeTests : IAsyncLifetime
{
    private TemporaryPostgres _postgres = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _postgres = await TemporaryPostgres.StartAsync();
        _server = await InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = await _postgres.CreateDatabaseAsync(),
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task A_message_posted_twice_is_stored_once_in_PostgreSQL_and_an_operator_reads_it()
    {
        Assert.IsType<PostgresConversationStore>(_server.Services.GetRequiredService<IConversationStore>());
        Assert.IsType<PostgresOperatorStore>(_server.Services.GetRequiredService<IOperatorStore>());
        using var api = _server.Client(InboxServer.ApiToken);
        var messageId = $"m-{Guid.NewGuid():N}";

        var first = await api.SendInboundAsync(messageId, "Where is my order 1048576?", externalId: "crm-1", name: "Ivan");
        var again = await api.SendInboundAsync(messageId, "Where is my order 1048576?", externalId: "crm-1", name: "Ivan");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.MessageId, again.MessageId);
        using var op = await _server.OperatorClientAsync();
        var details = await op.ConversationAsync(first.ConversationId);
        Assert.Equal(first.MessageId, Assert.Single(details.Messages).MessageId);
        Assert.Equal("Ivan", details.Customer!.Name);
    }
}
