namespace Inbox.Web.OperatorApi;

/// <summary>A customer an operator creates: a name and identities (phones in any writing, emails, kind:value).</summary>
public sealed record NewCustomerBody(string? Name, IReadOnlyList<string>? Identities);
