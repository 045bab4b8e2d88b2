using System.Collections.Concurrent;

namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>An in-memory cursor store that outlives test hosts (a "restart" keeps it) and logs every write.</summary>
public sealed class RecordingCursorStore(EventLog log) : IConnectorCursorStore
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(this[key]);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        Set(key, value);
        return Task.CompletedTask;
    }

    /// <summary>Writes a value; the recording pipeline calls this for a message's checkpoint, in the same step as the message.</summary>
    public void Set(string key, string value)
    {
        _values[key] = value;
        log.Add($"cursor:{key}={value}");
    }
}
