using System.Collections.Concurrent;

namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

/// <summary>An in-memory cursor store that outlives test hosts (a "restart" keeps it) and logs every write.</summary>
public sealed class RecordingCursorStore(EventLog log) : IConnectorCursorStore
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Runs after a value is saved; await something to hold the caller there (as if the process stopped right after).</summary>
    public Func<string, string, CancellationToken, Task>? AfterSet { get; set; }

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(this[key]);

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        _values[key] = value;
        log.Add($"cursor:{key}={value}");
        if (AfterSet is { } hook)
        {
            await hook(key, value, cancellationToken);
        }
    }
}
