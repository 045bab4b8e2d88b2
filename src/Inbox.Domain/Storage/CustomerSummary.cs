namespace Inbox.Domain.Storage;

/// <summary>A line of a customer search.</summary>
public sealed record CustomerSummary(Guid CustomerId, string? Name, IReadOnlyList<string> Identities);
