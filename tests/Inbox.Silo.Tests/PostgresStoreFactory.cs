using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>The PostgreSQL store on a database of a <see cref="PostgresServer"/>, as one node has it: its own connections and writer.</summary>
public sealed class PostgresStoreFactory : TestStore
{
    private PostgresStoreFactory(string connectionString, int maxBatch)
    {
        var options = Options.Create(new PostgresOptions { ConnectionString = connectionString, MaxBatch = maxBatch });
        Database = new PostgresDatabase(options);
        Writer = new PostgresWriteQueue(Database, options, NullLogger<PostgresWriteQueue>.Instance);
        Conversations = new PostgresConversationStore(Database, Writer);
        Queries = new PostgresConversationQueries(Database);
        Routing = new PostgresRoutingQueries(Database);
        Outbox = new PostgresOutboxStore(Writer);
        Directory = new PostgresCustomerDirectory(Database, Writer);
        IdentityOwners = new PostgresIdentityOwners(Database, Writer, TimeProvider.System);
        Operators = new PostgresOperatorStore(Database, Writer);
        Sessions = new PostgresSessionStore(Database, Writer);
        Lockouts = new PostgresLoginLockoutStore(Database, Writer);
        Cursors = new PostgresCursorStore(Database, Writer);
        Webhooks = new PostgresWebhookQueueStore(Database, Writer);
        Calls = new PostgresCallLog(Database, Writer);
        Attachments = new PostgresAttachmentStore(Database, Writer, TimeProvider.System);
        Teams = new PostgresTeamStore(Database, Writer);
        ReadMarkers = new PostgresReadMarkerStore(Database, Writer);
        ConnectionString = connectionString;
    }

    /// <summary>Opens the store (applying the schema) and starts its writer, as the host does.</summary>
    public static async Task<PostgresStoreFactory> StartAsync(string connectionString, int maxBatch = 512)
    {
        var store = await Task.Run(() => new PostgresStoreFactory(connectionString, maxBatch));
        await store.Writer.StartAsync(CancellationToken.None);
        return store;
    }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; }

    public PostgresWriteQueue Writer { get; }

    public override long TransactionsCommitted => Writer.TransactionsCommitted;

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        await Database.DisposeAsync();
    }
}
