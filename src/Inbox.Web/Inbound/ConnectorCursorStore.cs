using Inbox.Connectors;
using Inbox.Domain.Storage;

namespace Inbox.Web.Inbound;

/// <summary>Connectors' cursors in the store, under keys of their own.</summary>
public sealed class ConnectorCursorStore(ICursorStore cursors) : IConnectorCursorStore
{
    public Task<string?> GetAsync(string key, CancellationToken cancellationToken) => cursors.GetAsync("connector:" + key, cancellationToken);

    public Task SetAsync(string key, string value, CancellationToken cancellationToken) => cursors.SetAsync("connector:" + key, value, cancellationToken);
}
