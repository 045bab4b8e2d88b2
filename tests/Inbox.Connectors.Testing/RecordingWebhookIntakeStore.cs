using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Testing;

/// <summary>
/// An in-memory <see cref="IWebhookIntakeStore"/> that outlives test hosts (a "restart" reuses it, so entries acknowledged but not
/// yet processed are still there). A test can make adding fail (<see cref="AddFailuresToThrow"/>) or hold it (<see cref="HoldAdd"/>),
/// and wait until every entry has been processed (<see cref="WaitUntilDrainedAsync"/>).
/// </summary>
public sealed class RecordingWebhookIntakeStore : IWebhookIntakeStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, QueuedWebhook> _entries = [];
    private long _nextId;
    private int _added;

    /// <summary>Pulsed on every change.</summary>
    public Signal Changed { get; } = new();

    /// <summary>How many of the next AddAsync calls throw (the store is down).</summary>
    public int AddFailuresToThrow { get; set; }

    /// <summary>While set, AddAsync waits (at most 30 s) for it before storing.</summary>
    public TaskCompletionSource? HoldAdd { get; set; }

    /// <summary>Completes when an AddAsync call reaches <see cref="HoldAdd"/>.</summary>
    public TaskCompletionSource AddEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Every entry still kept (pending and dead), in arrival order.</summary>
    public IReadOnlyList<QueuedWebhook> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Values];
            }
        }
    }

    /// <summary>Entries ever added.</summary>
    public int Added => Volatile.Read(ref _added);

    /// <summary>Completes when no pending (not dead) entry is left.</summary>
    public Task WaitUntilDrainedAsync() => Changed.WaitUntilAsync(() => Entries.All(e => e.Dead), "every queued webhook processed");

    /// <summary>Puts an entry in directly, as a previous run would have left it.</summary>
    public long Seed(string source, string partition, string payload)
    {
        long id;
        lock (_gate)
        {
            id = ++_nextId;
            _entries[id] = new QueuedWebhook(id, source, partition, payload, DateTimeOffset.UtcNow);
        }

        Changed.Pulse();
        return id;
    }

    public async Task<long> AddAsync(string source, string partition, string payload, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (HoldAdd is { } hold)
        {
            AddEntered.TrySetResult();
            await hold.Task.WaitAsync(Signal.MaxWait, CancellationToken.None);
        }

        long id;
        lock (_gate)
        {
            if (AddFailuresToThrow > 0)
            {
                AddFailuresToThrow--;
                throw new InvalidOperationException("storage is down (test)");
            }

            id = ++_nextId;
            _entries[id] = new QueuedWebhook(id, source, partition, payload, receivedAt);
            _added++;
        }

        Changed.Pulse();
        return id;
    }

    public Task<IReadOnlyList<QueuedWebhook>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Entries);

    public Task RecordFailureAsync(long id, int attempts, string error, bool dead, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(id, out var entry))
            {
                _entries[id] = entry with { Attempts = attempts, LastError = error, Dead = dead };
            }
        }

        Changed.Pulse();
        return Task.CompletedTask;
    }

    public Task RemoveAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _entries.Remove(id);
        }

        Changed.Pulse();
        return Task.CompletedTask;
    }
}
