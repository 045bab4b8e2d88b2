namespace Inbox.Domain.Storage;

/// <summary>
/// Named leases that every node sees: work that must run once per cluster (a connector's polling loop) is run by the
/// lease's owner until the lease expires. Expiry is judged by the store's clock (the SQLite store: this machine's clock;
/// a shared database: its own <c>now()</c>), so the nodes need not agree on the time.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="owner"/> for <paramref name="duration"/> when it is free, expired or
    /// held by <paramref name="owner"/> already (a renewal); false while another owner holds it.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="owner"/> holds it.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default);

    /// <summary>Who holds the lease now, or null when nobody does (never taken, released or expired).</summary>
    Task<string?> GetOwnerAsync(string name, CancellationToken cancellationToken = default);
}
