namespace Inbox.Domain.Customers;

/// <summary>
/// The identity index: one grain per channel identity (keyed <c>kind:value</c>) that knows which customer owns it.
/// Because each identity is one grain, two messages from a new address at once still make one customer.
/// </summary>
[Alias("Inbox.IIdentityGrain")]
public interface IIdentityGrain : IGrainWithStringKey
{
    /// <summary>The owning customer, or null when nobody has written from this identity yet.</summary>
    [Alias("GetCustomer")]
    Task<Guid?> GetCustomerAsync();

    /// <summary>Gives the identity to <paramref name="customerId"/> unless it already has an owner; returns the owner.</summary>
    [Alias("Claim")]
    Task<Guid> ClaimAsync(Guid customerId);

    /// <summary>Moves the identity from one customer to another (a merge or unmerge); nothing happens when <paramref name="from"/> is not the owner.</summary>
    [Alias("Reassign")]
    Task<bool> ReassignAsync(Guid from, Guid to);
}
