using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Storage.Sqlite;

/// <summary>
/// The store's one writer. Writes queue up; the writer takes all that are waiting (up to <see cref="SqliteOptions.MaxBatch"/>),
/// runs each in a savepoint of one transaction and commits once: one fsync for the whole group (group commit).
/// A write's task completes only after the commit is durable. A write that throws is rolled back alone.
/// The host starts the writer first and stops it last (<see cref="InboxStorage"/>); a write queued before it starts waits for it.
/// </summary>
public sealed class SqliteWriteQueue : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteDatabase _database;
    private readonly ILogger<SqliteWriteQueue> _logger;
    private readonly int _maxBatch;
    private readonly Lock _gate = new();
    private Task? _writer;

    public SqliteWriteQueue(SqliteDatabase database, IOptions<SqliteOptions> options, ILogger<SqliteWriteQueue> logger)
    {
        _database = database;
        _logger = logger;
        _maxBatch = Math.Max(1, options.Value.MaxBatch);
    }

    /// <summary>Number of transactions committed so far; with <see cref="WritesCommitted"/> it shows how well writes group.</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactions);

    public long WritesCommitted => Interlocked.Read(ref _writes);

    private long _transactions;
    private long _writes;

    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The store is shutting down.");
        }

        return pending.Completion.Task;
    }

    public Task WriteAsync(Action<SqliteConnection, SqliteTransaction> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        }, cancellationToken);

    private async Task RunAsync()
    {
        using var connection = _database.Open();
        var batch = new List<PendingWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                using (var transaction = connection.BeginTransaction())
                {
                    foreach (var pending in batch)
                    {
                        RunInSavepoint(connection, transaction, pending);
                    }

                    transaction.Commit();
                }

                Interlocked.Increment(ref _transactions);
                Interlocked.Add(ref _writes, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Complete();
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A group commit of {Count} writes failed; none of them is stored", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Fail(ex);
                }
            }
        }
    }

    private static void RunInSavepoint(SqliteConnection connection, SqliteTransaction transaction, PendingWrite pending)
    {
        Execute(connection, transaction, "SAVEPOINT w;");
        try
        {
            pending.Run(connection, transaction);
            Execute(connection, transaction, "RELEASE w;");
        }
        catch (Exception ex)
        {
            Execute(connection, transaction, "ROLLBACK TO w; RELEASE w;");
            pending.Reject(ex);
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Starts the writer on a thread of its own.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureWriter();
        return Task.CompletedTask;
    }

    /// <summary>Takes no more writes and waits until the ones queued are committed (it starts the writer for them if the host never did).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await EnsureWriter().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private Task EnsureWriter()
    {
        lock (_gate)
        {
            return _writer ??= Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

        /// <summary>The work threw: it was rolled back and will fail once the batch commits.</summary>
        public abstract void Reject(Exception error);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : PendingWrite
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

        public override void Reject(Exception error) => _error = error;

        public override void Complete()
        {
            if (_error is not null)
            {
                Completion.TrySetException(_error);
            }
            else
            {
                Completion.TrySetResult(_result!);
            }
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
