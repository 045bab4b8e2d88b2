namespace Inbox.Web.OperatorApi;

/// <summary>An identity to link: a phone in any writing, an email, or kind:value.</summary>
public sealed record LinkIdentityBody(string? Identity);
