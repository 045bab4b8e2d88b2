using Inbox.Identity;

namespace Inbox.Domain.Customers;

/// <summary>
/// The identity index, the one record of which customer owns each channel identity: a row per identity in the store. A
/// claim is a conditional insert in the store's writer, so two first messages from one new address at once still make one
/// customer, on one node or many.
/// </summary>
public interface IIdentityOwners
{
    /// <summary>The owning customer, or null when nobody has written from this identity yet.</summary>
    Task<Guid?> FindAsync(ChannelIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>The owning customer and what its directory row says of this identity (one read), or null when nobody owns it.</summary>
    Task<ListedOwner?> FindListedAsync(ChannelIdentity identity, CancellationToken cancellationToken = default);

    /// <summary>Gives the identity to <paramref name="customerId"/> unless it already has an owner; returns the owner, durably stored.</summary>
    Task<Guid> ClaimAsync(ChannelIdentity identity, Guid customerId, CancellationToken cancellationToken = default);

    /// <summary>Moves the identity from one customer to another (a merge or unmerge); false, and nothing changed, when <paramref name="from"/> is not its owner.</summary>
    Task<bool> ReassignAsync(ChannelIdentity identity, Guid from, Guid to, CancellationToken cancellationToken = default);
}
