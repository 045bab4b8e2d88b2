namespace Inbox.Domain.Customers;

/// <summary>Who the customer is: a name and every address they have written or called from.</summary>
[GenerateSerializer, Alias("Inbox.CustomerCard")]
public sealed record CustomerCard(
    [property: Id(0)] Guid CustomerId,
    [property: Id(1)] string? Name,
    [property: Id(2)] IReadOnlyList<string> Identities,
    [property: Id(3)] DateTimeOffset CreatedAt);
