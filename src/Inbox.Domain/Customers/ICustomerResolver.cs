namespace Inbox.Domain.Customers;

/// <summary>Finds, or makes, the customer an inbound message is from. Lives on the silo side, so every host resolves alike.</summary>
public interface ICustomerResolver
{
    /// <summary>
    /// The customer: the owner of the first known identity; else the customer of the thread it answers; else the customer
    /// an order names next to the new address; else a new customer. The sender's other identities are joined to that
    /// customer, merging another customer who owned one of them (they are verified). A new customer known by one identity
    /// is listed in the directory, and its identity claimed, when its conversation stores the message (its first commit,
    /// <see cref="CustomerResolution.ClaimsSender"/>), so the caller hands the message to the customer's conversation next.
    /// </summary>
    Task<CustomerResolution> ResolveAsync(CustomerLookup lookup, CancellationToken cancellationToken);

    /// <summary>The message of a resolution that claims its sender was stored, with the claim: this node remembers the sender.</summary>
    void Claimed(CustomerLookup lookup, CustomerResolution resolution);
}
