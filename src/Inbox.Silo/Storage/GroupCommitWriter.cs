using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Silo.Storage;

/// <summary>
/// A store's one writer. Writes queue up; the writer takes all that are waiting (up to the provider's <c>MaxBatch</c>),
/// runs them in one transaction and commits once: one flush for the whole group (group commit).
/// A write's task completes only after the commit is durable. A write that throws is rolled back alone.
/// The host starts the writer first and stops it last (<see cref="InboxStorage"/>); a write queued before it starts waits for it.
/// A provider that can send many statements in one round trip (<see cref="SendsStatementsTogether"/>) gets the statements of the
/// group's <see cref="WriteStatementsAsync{T}"/> writes gathered (<see cref="StoreStatements"/>) and sends them together.
/// </summary>
/// <remarks>
/// The writer is a thread of its own that blocks on its queue (a <see cref="BlockingCollection{T}"/>) while nothing waits,
/// never a task that awaits: after its first await such a task went on as thread-pool work, and each group then waited
/// in the pool's queue behind the requests whose writes it was to commit. By hand on 2 cores, saturated known-customer
/// runs gained about a tenth (docs/benchmark-rounds.md, fifteenth round).
/// </remarks>
public abstract class GroupCommitWriter<TConnection, TTransaction> : IHostedService, IAsyncDisposable, IGroupCommit, IStoreWriterCounts
    where TConnection : DbConnection
    where TTransaction : DbTransaction
{
    private const string Savepoint = "w";

    /// <summary>The name of the writer's thread (as profilers and debuggers show it).</summary>
    public const string WriterThreadName = "Inbox store writer";
    private readonly BlockingCollection<PendingWrite> _queue = new(new ConcurrentQueue<PendingWrite>());
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Lock _gate = new();
    private readonly GatheringStatements _gathering = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _writer;
    private long _transactions;
    private long _writes;
    private long _sentTogether;
    private long _runAgain;

    protected GroupCommitWriter(int maxBatch, ILogger logger)
    {
        _logger = logger;
        _maxBatch = Math.Max(1, maxBatch);
    }

    /// <summary>Number of transactions committed so far; with <see cref="WritesCommitted"/> it shows how well writes group.</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactions);

    public long WritesCommitted => Interlocked.Read(ref _writes);

    /// <summary>Number of times gathered statements were sent together (<see cref="SendsStatementsTogether"/>); zero where the provider does not.</summary>
    public long StatementsSentTogether => Interlocked.Read(ref _sentTogether);

    /// <summary>
    /// Number of groups rolled back and run again, each write at once in its own savepoint: a write threw, or a gathered
    /// statement changed other rows than its write expected (a redelivered message, a step stored already).
    /// </summary>
    public long GroupsRunAgain => Interlocked.Read(ref _runAgain);

    public Task<T> WriteAsync<T>(Func<TConnection, TTransaction, T> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work);
        Enqueue(pending);
        return pending.Completion.Task;
    }

    private void Enqueue(PendingWrite pending)
    {
        try
        {
            _queue.Add(pending, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // The queue takes no more writes: the writer is stopping.
            throw new ObjectDisposedException(GetType().Name, "The store is shutting down.");
        }
    }

    public Task WriteAsync(Action<TConnection, TTransaction> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>((connection, transaction) =>
        {
            work(connection, transaction);
            return true;
        }, cancellationToken);

    Task<T> IGroupCommit.WriteAsync<T>(Func<DbConnection, DbTransaction, T> work, CancellationToken cancellationToken) =>
        WriteAsync<T>((connection, transaction) => work(ForSharedStores(connection), transaction), cancellationToken);

    /// <inheritdoc cref="IGroupCommit.WriteStatementsAsync{T}"/>
    public Task<T> WriteStatementsAsync<T>(Func<StoreStatements, T> work, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingStatements<T>(work);
        Enqueue(pending);
        return pending.Completion.Task;
    }

    /// <summary>The writer's connection as the stores shared by both providers get it (the provider may keep their statements compiled).</summary>
    protected virtual DbConnection ForSharedStores(TConnection connection) => connection;

    /// <summary>An open connection for the writer; the writer keeps it while it works and opens another when it breaks.</summary>
    protected abstract TConnection OpenConnection();

    protected abstract TTransaction Begin(TConnection connection);

    /// <summary>
    /// Whether the provider sends gathered statements together (<see cref="ExecuteTogether"/>). False: each write's statements
    /// run at once, one by one (SQLite, in the process, gains nothing by gathering).
    /// </summary>
    protected virtual bool SendsStatementsTogether => false;

    /// <summary>Runs <paramref name="statements"/> in order inside <paramref name="transaction"/>, in one round trip, and returns each one's changed rows.</summary>
    protected virtual int[] ExecuteTogether(TConnection connection, TTransaction transaction, IReadOnlyList<GatheredStatement> statements) =>
        throw new NotSupportedException("This store runs each statement at once.");

    /// <summary>
    /// Runs on the writer's connection after a group committed and its writers were answered, before the next group begins
    /// (outside any transaction): upkeep that must not run beside a write. An exception is logged; the writes stay stored.
    /// </summary>
    protected virtual void AfterGroup(TConnection connection)
    {
    }

    /// <summary>The writer thread's loop: it ends when the queue is completed and drained, and then <see cref="_stopped"/> completes.</summary>
    private void Run()
    {
        try
        {
            RunGroups();
            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            _logger.LogCritical(ex, "The store's writer stopped: no write is committed any more");
            _stopped.TrySetException(ex);
        }
    }

    private void RunGroups()
    {
        TConnection? connection = null;
        var batch = new List<PendingWrite>(_maxBatch);
        try
        {
            // Blocks until a write waits; false once the queue takes no more writes and is empty.
            while (_queue.TryTake(out var first, Timeout.Infinite))
            {
                batch.Clear();
                batch.Add(first);
                while (batch.Count < _maxBatch && _queue.TryTake(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    if (connection is not { State: System.Data.ConnectionState.Open })
                    {
                        connection?.Dispose();
                        connection = null;
                        connection = OpenConnection();
                    }

                    if (!TryRunTogether(connection, batch))
                    {
                        Interlocked.Increment(ref _runAgain);
                        RunEachInSavepoint(connection, batch);
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

                    continue;
                }

                try
                {
                    AfterGroup(connection);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning(ex, "The writer's upkeep after a group commit failed; the writes are stored, the upkeep is tried again later");
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>
    /// Runs the group's writes one after the other in one transaction, without a savepoint each (a savepoint and its release
    /// cost a tenth of a message's write): almost every group has no write that throws. Where the provider sends statements
    /// together, the statements of <see cref="WriteStatementsAsync{T}"/> writes are gathered and sent together, before the next
    /// write that runs at once and at the end, and their expectations are checked then. When a write throws or an
    /// expectation is not met, the whole transaction is rolled back and false is returned, and the group runs again with
    /// <see cref="RunEachInSavepoint"/>, each write at once, so only the write that threw fails (a write's work must therefore
    /// be safe to run twice: it only reads and writes the store). A group of one write that throws has nothing to keep apart:
    /// it fails at once, and nothing is committed.
    /// </summary>
    private bool TryRunTogether(TConnection connection, List<PendingWrite> batch)
    {
        using var transaction = Begin(connection);
        var gathering = SendsStatementsTogether ? _gathering : null;
        gathering?.Clear();
        PendingWrite? current = null;
        try
        {
            foreach (var pending in batch)
            {
                current = pending;
                if (gathering is not null && pending.TryGather(gathering))
                {
                    continue;
                }

                SendGathered(connection, transaction, gathering);
                pending.Run(connection, transaction, this);
            }

            SendGathered(connection, transaction, gathering);
        }
        catch (Exception ex) when (current is not null)
        {
            // When the connection itself broke, this throws too and the whole group fails (none of it is stored).
            transaction.Rollback();
            if (batch.Count > 1 || ex is UnmetExpectationException)
            {
                return false;
            }

            current.Reject(ex);
            return true;
        }

        transaction.Commit();
        return true;
    }

    /// <summary>Sends what the writes gathered so far, checks every expectation, and starts a new gathering.</summary>
    private void SendGathered(TConnection connection, TTransaction transaction, GatheringStatements? gathering)
    {
        if (gathering is not { Statements.Count: > 0 })
        {
            return;
        }

        var statements = gathering.Statements;
        var changed = ExecuteTogether(connection, transaction, statements);
        Interlocked.Increment(ref _sentTogether);
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].ExpectedRows >= 0 && changed[i] != statements[i].ExpectedRows)
            {
                throw new UnmetExpectationException(
                    $"A gathered statement changed {changed[i]} rows where its write expected {statements[i].ExpectedRows}; the group runs again, each write at once.");
            }
        }

        gathering.Clear();
    }

    /// <summary>The writer's connection and transaction as a write made with <see cref="WriteStatementsAsync{T}"/> runs at once on them.</summary>
    private ImmediateStatements RunAtOnce(TConnection connection, TTransaction transaction) => new(ForSharedStores(connection), transaction);

    private void RunEachInSavepoint(TConnection connection, List<PendingWrite> batch)
    {
        using var transaction = Begin(connection);
        foreach (var pending in batch)
        {
            RunInSavepoint(connection, transaction, pending, this);
        }

        transaction.Commit();
    }

    private static void RunInSavepoint(TConnection connection, TTransaction transaction, PendingWrite pending, GroupCommitWriter<TConnection, TTransaction> writer)
    {
        transaction.Save(Savepoint);
        try
        {
            pending.Run(connection, transaction, writer);
            transaction.Release(Savepoint);
        }
        catch (Exception ex)
        {
            // When the connection itself broke, this throws too and the whole group fails (none of it is stored).
            transaction.Rollback(Savepoint);
            transaction.Release(Savepoint);
            pending.Reject(ex);
        }
    }

    /// <summary>Starts the writer on a thread of its own (see the remarks on the class).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureWriter();
        return Task.CompletedTask;
    }

    /// <summary>Takes no more writes and waits until the ones queued are committed (it starts the writer for them if the host never did).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.CompleteAdding();
        await EnsureWriter().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the provider holds once the writer has stopped.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    private Task EnsureWriter()
    {
        lock (_gate)
        {
            if (_writer is null)
            {
                _writer = new Thread(Run) { IsBackground = true, Name = WriterThreadName };
                _writer.Start();
            }

            return _stopped.Task;
        }
    }

    private abstract class PendingWrite
    {
        /// <summary>Runs the write at once on the writer's connection.</summary>
        public abstract void Run(TConnection connection, TTransaction transaction, GroupCommitWriter<TConnection, TTransaction> writer);

        /// <summary>Gathers the write's statements; false when it cannot be gathered and is to run at once.</summary>
        public virtual bool TryGather(GatheringStatements gathering) => false;

        /// <summary>The work threw: it was rolled back and will fail once the batch commits.</summary>
        public abstract void Reject(Exception error);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private abstract class PendingWriteOf<T> : PendingWrite
    {
        private Exception? _error;

        protected T? Result { get; set; }

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Reject(Exception error) => _error = error;

        public override void Complete()
        {
            if (_error is not null)
            {
                Completion.TrySetException(_error);
            }
            else
            {
                Completion.TrySetResult(Result!);
            }
        }

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }

    private sealed class PendingWrite<T>(Func<TConnection, TTransaction, T> work) : PendingWriteOf<T>
    {
        public override void Run(TConnection connection, TTransaction transaction, GroupCommitWriter<TConnection, TTransaction> writer) =>
            Result = work(connection, transaction);
    }

    private sealed class PendingStatements<T>(Func<StoreStatements, T> work) : PendingWriteOf<T>
    {
        public override void Run(TConnection connection, TTransaction transaction, GroupCommitWriter<TConnection, TTransaction> writer) =>
            Result = work(writer.RunAtOnce(connection, transaction));

        public override bool TryGather(GatheringStatements gathering)
        {
            var before = gathering.Statements.Count;
            try
            {
                Result = work(gathering);
                return true;
            }
            catch (ReadInGatheredWriteException)
            {
                gathering.TruncateTo(before);
                return false;
            }
        }
    }
}
