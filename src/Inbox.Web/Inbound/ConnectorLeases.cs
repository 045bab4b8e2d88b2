using Inbox.Connectors.Leases;
using Inbox.Domain.Storage;

namespace Inbox.Web.Inbound;

/// <summary>Connectors' cluster-wide leases in the store every node shares, under names of their own.</summary>
public sealed class ConnectorLeases(ILeaseStore leases) : IConnectorLeases
{
    public static string StoreName(string name) => "connector:" + name;

    public Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        leases.TryAcquireAsync(StoreName(name), owner, duration, cancellationToken);

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken) =>
        leases.ReleaseAsync(StoreName(name), owner, cancellationToken);
}
