namespace Inbox.Domain.Customers;

/// <summary>Finds, or makes, the customer an inbound message is from. Lives on the silo side, so every host resolves alike.</summary>
public interface ICustomerResolver
{
    /// <summary>
    /// The customer's id: the owner of the first known identity; else the customer of the thread it answers; else the
    /// customer an order names next to the new address; else a new customer. The sender's other identities are joined to
    /// that customer, merging another customer who owned one of them (they are verified). A new customer known by one
    /// identity is listed in the directory when its conversation stores the message (its first commit), so the caller
    /// hands the message to the customer's conversation next.
    /// </summary>
    Task<Guid> ResolveAsync(CustomerLookup lookup, CancellationToken cancellationToken);
}
