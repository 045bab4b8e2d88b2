using Inbox.Domain.Storage;
using Inbox.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Tests;

/// <summary>The real SQLite store on a temporary file, without a silo.</summary>
public sealed class StoreFactory : TestStore
{
    private readonly TempDatabase? _file;

    private StoreFactory(int maxBatch, string? path)
    {
        _file = path is null ? new TempDatabase() : null;
        var options = Options.Create(new SqliteOptions { Path = path ?? _file!.Path, MaxBatch = maxBatch });
        Database = new SqliteDatabase(options);
        Writer = new SqliteWriteQueue(Database, options, NullLogger<SqliteWriteQueue>.Instance);
        Conversations = new SqliteConversationStore(Database, Writer);
        Queries = new SqliteConversationQueries(Database);
        Routing = new SqliteRoutingQueries(Database);
        Outbox = new SqliteOutboxStore(Writer);
        Directory = new SqliteCustomerDirectory(Database, Writer);
        IdentityOwners = new SqliteIdentityOwners(Database, Writer, TimeProvider.System);
        GrainStorage = new SqliteGrainStorage(Database, Writer);
        Webhooks = new SqliteWebhookQueueStore(Database, Writer);
        Operators = new SqliteOperatorStore(Database, Writer);
        Sessions = new SqliteSessionStore(Database, Writer);
        Lockouts = new SqliteLoginLockoutStore(Database, Writer);
        Cursors = new SqliteCursorStore(Database, Writer);
        Calls = new SqliteCallLog(Database, Writer);
        Attachments = new SqliteAttachmentStore(Database, Writer, TimeProvider.System);
        Teams = new SqliteTeamStore(Database, Writer);
        ReadMarkers = new SqliteReadMarkerStore(Database, Writer);
    }

    /// <summary>Creates the store and starts its writer, as the host does.</summary>
    public static Task<StoreFactory> StartAsync(int maxBatch = 512) => StartAsync(maxBatch, path: null);

    /// <summary>The store on a file of the caller's, left in place at dispose (to open it again).</summary>
    public static Task<StoreFactory> StartAsync(string path) => StartAsync(512, path);

    private static async Task<StoreFactory> StartAsync(int maxBatch, string? path)
    {
        var store = new StoreFactory(maxBatch, path);
        await store.Writer.StartAsync(CancellationToken.None);
        return store;
    }

    public SqliteDatabase Database { get; }

    public SqliteWriteQueue Writer { get; }

    public SqliteGrainStorage GrainStorage { get; }

    public override long TransactionsCommitted => Writer.TransactionsCommitted;

    /// <summary>How many of this process's open files are the database file (SQLite's connections, the flush's handle).</summary>
    public int OpenHandlesOfFile() =>
        new DirectoryInfo("/proc/self/fd").GetFileSystemInfos().Count(fd => fd.LinkTarget == Database.FilePath);

    public override async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _file?.Dispose();
    }
}
