namespace Inbox.Connectors.Leases;

/// <summary>
/// Leases on work that must run once per cluster (a polling loop): one owner at a time, until the lease expires.
/// The host backs them with the store every node shares; without one, <see cref="LocalConnectorLeases"/> keeps them in memory.
/// </summary>
public interface IConnectorLeases
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="owner"/> until now + <paramref name="duration"/> when it is free,
    /// expired or the owner's already (renewing it); false while another owner holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if <paramref name="owner"/> holds it, so another node need not wait for it to expire.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken);
}
