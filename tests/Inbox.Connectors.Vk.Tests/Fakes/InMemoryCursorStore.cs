namespace Inbox.Connectors.Vk.Tests.Fakes;

/// <summary>Cursors in memory, with the history of every write; survives a host restart when the same instance is reused.</summary>
public sealed class InMemoryCursorStore : IConnectorCursorStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _values = [];
    private readonly List<(string Key, string Value)> _writes = [];

    public ChangeSignal Changed { get; } = new();

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

    public string? Current(string key)
    {
        lock (_gate)
        {
            return _values.GetValueOrDefault(key);
        }
    }

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Current(key));

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _values[key] = value;
            _writes.Add((key, value));
        }

        Changed.Pulse();
        return Task.CompletedTask;
    }
}
