namespace Inbox.Connectors.Testing;

/// <summary>
/// An in-memory cursor store that outlives test hosts (a "restart" reuses the same instance) and keeps every write in order;
/// given an <see cref="EventLog"/> it logs each write ("cursor:key=value"). <see cref="AfterSet"/> can hold the caller right
/// after a write, as if the process stopped there.
/// </summary>
public sealed class RecordingCursorStore(EventLog? log = null) : IConnectorCursorStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Value)> _writes = [];

    /// <summary>Pulsed on every write, to wait for a value.</summary>
    public Signal Changed { get; } = new();

    /// <summary>Runs after <see cref="SetAsync"/> has saved a value; await something to hold the caller there.</summary>
    public Func<string, string, CancellationToken, Task>? AfterSet { get; set; }

    /// <summary>Every write, in order.</summary>
    public IReadOnlyList<(string Key, string Value)> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>The value stored under a key, or null.</summary>
    public string? this[string key]
    {
        get
        {
            lock (_gate)
            {
                return _values.GetValueOrDefault(key);
            }
        }
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(this[key]);

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        Set(key, value);
        if (AfterSet is { } hook)
        {
            await hook(key, value, cancellationToken);
        }
    }

    /// <summary>Writes a value; the recording pipeline calls this for a message's checkpoint, in the same step as the message.</summary>
    public void Set(string key, string value)
    {
        lock (_gate)
        {
            _values[key] = value;
            _writes.Add((key, value));
        }

        log?.Add($"cursor:{key}={value}");
        Changed.Pulse();
    }
}
