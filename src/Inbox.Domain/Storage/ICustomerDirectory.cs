namespace Inbox.Domain.Storage;

/// <summary>The searchable copy of customers' names and identities.</summary>
public interface ICustomerDirectory
{
    Task UpsertAsync(Guid customerId, string? name, IReadOnlyList<string> identities, CancellationToken cancellationToken = default);

    /// <summary>
    /// The customer's row: its name and identities. A customer made by its first message has only this row until something
    /// changes it (see the customer grain), so this is also where that customer's grain reads them from when it first starts.
    /// </summary>
    Task<CustomerSummary?> GetAsync(Guid customerId, CancellationToken cancellationToken = default);

    /// <summary>Finds customers by an exact identity (phone, email, any <c>kind:value</c>) or by a part of the name.</summary>
    Task<IReadOnlyList<CustomerSummary>> SearchAsync(string? identity, string? nameFragment, int limit, CancellationToken cancellationToken = default);
}
