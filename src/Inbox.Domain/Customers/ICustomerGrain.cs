namespace Inbox.Domain.Customers;

/// <summary>The customer: a person with identities on several channels.</summary>
[Alias("Inbox.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithGuidKey
{
    /// <summary>The card, or null when no such customer exists.</summary>
    [Alias("Get")]
    Task<CustomerCard?> GetAsync();

    /// <summary>Records identities the customer owns and, when not yet known, their name. Idempotent.</summary>
    [Alias("Attach")]
    Task<CustomerCard> AttachAsync(IReadOnlyList<string> identities, string? name);

    /// <summary>Marks one of the customer's identities as (un)reachable, with the reason shown to operators.</summary>
    [Alias("SetReachable")]
    Task SetReachableAsync(string identity, bool reachable, string? reason);
}
