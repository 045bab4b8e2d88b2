namespace Inbox.Connectors.Api;

/// <summary>The body of <c>POST /api/v1/inbound</c>.</summary>
/// <param name="MessageId">The caller's id of this message: a repeat with the same id is answered as a duplicate and stores nothing.</param>
public sealed record ApiInboundRequest(string? MessageId, ApiCustomer? Customer, string? Text, DateTimeOffset? SentAt);

/// <summary>Who wrote: any of an id in the caller's system, a phone, an email; and a name.</summary>
public sealed record ApiCustomer(string? ExternalId, string? Phone, string? Email, string? Name);
