using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>Opens connections to the embedded store's file and creates its tables on first use.</summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>The SQLite handles that have the store's settings: the pool hands a handle out again with them.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    /// <summary>The handles <see cref="FlushFile"/> flushes through, one per file, kept for the life of the process.</summary>
    private static readonly Dictionary<string, Microsoft.Win32.SafeHandles.SafeFileHandle> FlushHandles = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly SqliteReadConnections _reads;

    public SqliteDatabase(IOptions<SqliteOptions> options)
    {
        var path = System.IO.Path.GetFullPath(options.Value.Path);
        FilePath = path;
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _reads = new SqliteReadConnections(OpenUnpooled);

        using var connection = OpenCore();
        // WAL lets readers run beside the single writer; synchronous=FULL makes every commit survive power loss.
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, SqliteSchema.Create);
        MoveEventsToRowIdTable(connection);
        AddMissingColumns(connection);
        Execute(connection, SqliteSchema.AfterAddedColumns);
        Execute(connection, SqliteSchema.MoveIdentityGrainStates);
    }

    /// <summary>A file made before 2026-12 keeps its events without row ids: they are copied once into the table <see cref="SqliteSchema.EventsTable"/> makes.</summary>
    private static void MoveEventsToRowIdTable(SqliteConnection connection)
    {
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'events'";
        if (check.ExecuteScalar() is not string definition || !definition.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        Execute(connection, $"""
            BEGIN IMMEDIATE;
            ALTER TABLE events RENAME TO events_without_rowid;
            DROP INDEX IF EXISTS ix_events_occurred;
            {SqliteSchema.EventsTable}
            INSERT INTO events (conversation_id, sequence, type, occurred_at, payload)
                SELECT conversation_id, sequence, type, occurred_at, payload FROM events_without_rowid ORDER BY occurred_at;
            DROP TABLE events_without_rowid;
            COMMIT;
            """);
    }

    /// <summary>
    /// Adds the columns a file made before lacks, and fills them for its rows (<see cref="SqliteSchema.FillAddedColumns"/>), in
    /// one transaction: a start cut off in between leaves the file as it was. A file that lacks none is not read beyond its schema.
    /// </summary>
    private static void AddMissingColumns(SqliteConnection connection)
    {
        var missing = new System.Text.StringBuilder();
        foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
        {
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";
            check.Parameters.AddWithValue("@table", table);
            check.Parameters.AddWithValue("@column", column);
            if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                missing.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"ALTER TABLE {table} ADD COLUMN {column} {definition};");
            }
        }

        if (missing.Length > 0)
        {
            Execute(connection, $"BEGIN IMMEDIATE;\n{missing}{SqliteSchema.FillAddedColumns}\nCOMMIT;");
        }
    }

    public string FilePath { get; }

    /// <summary>
    /// Flushes the database file to the disk (<c>fsync</c>) through a handle of this process's own, opened once per file and
    /// never closed: closing any handle of the file would release the locks SQLite's connections hold on it (POSIX locks
    /// belong to the process and the file, not to a handle). It only flushes what SQLite wrote, and nothing depends on it
    /// but speed: SQLite flushes the file itself before the log starts over (see <see cref="SqliteCheckpointer"/>).
    /// </summary>
    public void FlushFile()
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle;
        lock (FlushHandles)
        {
            if (!FlushHandles.TryGetValue(FilePath, out handle))
            {
                handle = File.OpenHandle(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                FlushHandles.Add(FilePath, handle);
            }
        }

        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>How long a connection waits for a lock another holds (the writer's, a checkpoint's) before it gives up.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public SqliteConnection Open() => OpenCore();

    /// <summary>
    /// The writer's connection, outside the pool. Each write of a group runs in a savepoint, and SQLite keeps the pages a
    /// savepoint would restore in a statement journal: in memory here, not in a temporary file that every write of the
    /// group would add pages to.
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        var connection = OpenUnpooled();
        Execute(connection, "PRAGMA temp_store=MEMORY;");
        return connection;
    }

    /// <summary>A connection of the caller's own, outside the pool, for settings the pooled ones must not keep (the checkpointer's).</summary>
    public SqliteConnection OpenUnpooled() => OpenCore(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());

    /// <summary>
    /// A connection for a read of the stores written once for both providers, which keeps the statements it ran for the next
    /// read (<see cref="SqliteReadConnections"/>); closing or disposing it gives it back.
    /// </summary>
    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<DbConnection>(_reads.Rent());

    /// <summary>Closes the connections kept for reads (the host stops, or a test is done with the file).</summary>
    public void Dispose() => _reads.Dispose();

    /// <summary>What the stores written once for both providers need of this file, with its writer.</summary>
    public StoreConnections Connections(SqliteWriteQueue writer) => new(OpenAsync, writer, SqliteValues.Instance);

    private SqliteConnection OpenCore(string? connectionString = null)
    {
        var connection = new SqliteConnection(connectionString ?? _connectionString);
        connection.Open();
        // A handle the pool hands out again keeps its settings (nothing that borrows one changes them): they are set once per
        // handle, not on every open, which parsed and ran five statements before each read.
        var handle = connection.Handle;
        if (handle is not null && Configured.TryGetValue(handle, out _))
        {
            return connection;
        }

        // The log is copied into the file by SqliteCheckpointer, not inside a commit that crosses 1,000 pages; when it starts
        // over, a log file grown past 256 MiB is cut back to that (not less: when checkpoints were a second apart, the next second's
        // commits extended the file again, and the kernel zeroes each page a file grows by; now it seldom grows that far).
        Execute(connection, $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={BusyTimeoutMilliseconds}; PRAGMA foreign_keys=OFF; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=268435456;");
        if (handle is not null)
        {
            Configured.AddOrUpdate(handle, true);
        }

        return connection;
    }

    /// <summary>
    /// Runs <c>PRAGMA wal_checkpoint(mode)</c>: whether a RESTART could not finish (busy), how many pages the log holds and how
    /// many of them are copied into the file.
    /// </summary>
    internal static (bool Busy, long Logged, long Copied) Checkpoint(SqliteConnection connection, string mode)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (true, 0, 0);
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
