using System.Data;
using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inbox.Benchmarks;

/// <summary>
/// The store side of the minimal durable path: one writer on one connection takes every message waiting (up to
/// <see cref="MaxBatch"/>), inserts one row per message in one transaction and commits once; a message's task completes
/// only after that commit returned. That is the group commit Inbox's own writer does, with nothing else around it.
/// SQLite: WAL and <c>synchronous=FULL</c>, as Inbox; PostgreSQL: <c>synchronous_commit=on</c> (COMMIT waits for the WAL
/// flush, which is durable when the server runs with fsync on).
/// <para>
/// <see cref="DurableTable.IndexedByCustomer"/> writes a second table whose rows are also indexed by their customer and
/// time, the least a conversation store needs to read a customer's timeline: on SQLite's and PostgreSQL's b-trees that
/// entry lands at the end of its customer's run of entries, a page at a random place for each message of a returning
/// customer (docs/benchmark-rounds.md, twentieth round), where the plain table's rows and keys are appended.
/// </para>
/// </summary>
public sealed class DurableWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private const string PlainTable = "bench_durable_messages";
    private const string IndexedTable = "bench_durable_indexed_messages";

    private const string CreatePlain = $"CREATE TABLE IF NOT EXISTS {PlainTable} (external_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, body TEXT NOT NULL)";
    private const string InsertPlain =
        $"INSERT INTO {PlainTable} (external_id, customer_id, body) VALUES (@external_id, @customer_id, @body) ON CONFLICT (external_id) DO NOTHING";

    private const string CreateIndexed =
        $"CREATE TABLE IF NOT EXISTS {IndexedTable} (external_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, created_ticks BIGINT NOT NULL, body TEXT NOT NULL); " +
        $"CREATE INDEX IF NOT EXISTS ix_{IndexedTable}_timeline ON {IndexedTable} (customer_id, created_ticks)";
    private const string InsertIndexed =
        $"INSERT INTO {IndexedTable} (external_id, customer_id, created_ticks, body) VALUES (@external_id, @customer_id, @created_ticks, @body) ON CONFLICT (external_id) DO NOTHING";

    private readonly Channel<PendingInsert> _queue = Channel.CreateUnbounded<PendingInsert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DbConnection _connection;
    private readonly bool _timed;
    private readonly Task _writer;
    private long _transactions;
    private long _rows;

    private DurableWriter(DbConnection connection, DurableTable table)
    {
        _connection = connection;
        _timed = table == DurableTable.IndexedByCustomer;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed so far; with <see cref="Rows"/> it shows how well the inserts group.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public long Rows => Interlocked.Read(ref _rows);

    public static async Task<DurableWriter> OpenAsync(DurableTarget target, DurableTable table, CancellationToken cancellationToken)
    {
        DbConnection connection = target.Kind == DurableStoreKind.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.Location, Pooling = false }.ConnectionString)
            : new NpgsqlConnection(target.Location);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var setup = target.Kind == DurableStoreKind.Sqlite
                ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;"
                : "SET synchronous_commit = on;";
            await ExecuteAsync(connection, setup, cancellationToken);
            await ExecuteAsync(connection, table == DurableTable.IndexedByCustomer ? CreateIndexed : CreatePlain, cancellationToken);
            return new DurableWriter(connection, table);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw new BenchmarkFailedException($"Could not open the minimal durable path's store ({target.Describe()}): {ex.Message}", ex);
        }
    }

    /// <summary>Completes once the row of <paramref name="request"/> is committed.</summary>
    public Task WriteAsync(InboundRequest request)
    {
        var pending = new PendingInsert(request);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(DurableWriter));
        }

        return pending.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _connection.DisposeAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type = DbType.String)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingInsert>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            try
            {
                await using (var transaction = await _connection.BeginTransactionAsync())
                {
                    await using var command = _connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = _timed ? InsertIndexed : InsertPlain;
                    var externalId = Parameter(command, "@external_id");
                    var customerId = Parameter(command, "@customer_id");
                    var createdTicks = _timed ? Parameter(command, "@created_ticks", DbType.Int64) : null;
                    var body = Parameter(command, "@body");
                    foreach (var pending in group)
                    {
                        externalId.Value = pending.Request.MessageId;
                        customerId.Value = pending.Request.Customer.ExternalId;
                        createdTicks?.Value = DateTime.UtcNow.Ticks;
                        body.Value = pending.Request.Text;
                        await command.ExecuteNonQueryAsync();
                    }

                    await transaction.CommitAsync();
                }

                Interlocked.Increment(ref _transactions);
                Interlocked.Add(ref _rows, group.Count);
                group.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
            {
                // The group's requests fail (500) instead of waiting for ever; the next group tries again.
                group.ForEach(p => p.Committed.TrySetException(ex));
            }
        }
    }
}
