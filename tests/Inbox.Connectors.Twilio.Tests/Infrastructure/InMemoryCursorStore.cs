using System.Collections.Concurrent;

namespace Inbox.Connectors.Twilio.Tests.Infrastructure;

/// <summary>Twilio pushes (webhooks), so the connector keeps no cursor; registered because the host always provides one.</summary>
public sealed class InMemoryCursorStore : IConnectorCursorStore
{
    private readonly ConcurrentDictionary<string, string> _values = new();

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => Task.FromResult(_values.TryGetValue(key, out var value) ? value : null);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        _values[key] = value;
        return Task.CompletedTask;
    }
}
