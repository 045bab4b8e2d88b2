using Inbox.Connectors;
using Inbox.Domain.Storage;

namespace Inbox.Web.Inbound;

/// <summary>Connectors' cursors in the store, under keys of their own.</summary>
public sealed class ConnectorCursorStore(ICursorStore cursors) : IConnectorCursorStore
{
    /// <summary>Connectors' keys live under this prefix, also when written together with a message.</summary>
    public static string StoreKey(string key) => "connector:" + key;

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => cursors.GetAsync(StoreKey(key), cancellationToken);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken) => cursors.SetAsync(StoreKey(key), value, cancellationToken);
}
