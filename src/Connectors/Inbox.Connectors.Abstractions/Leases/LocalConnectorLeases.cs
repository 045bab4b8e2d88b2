namespace Inbox.Connectors.Leases;

/// <summary>Leases in this process only: right for a single node, and for a host that shares no store.</summary>
public sealed class LocalConnectorLeases(TimeProvider clock) : IConnectorLeases
{
    private readonly Dictionary<string, (string Owner, DateTimeOffset Expires)> _leases = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner != owner && held.Expires > now)
            {
                return Task.FromResult(false);
            }

            _leases[name] = (owner, now + duration);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(name, out var held) && held.Owner == owner)
            {
                _leases.Remove(name);
            }
        }

        return Task.CompletedTask;
    }
}
