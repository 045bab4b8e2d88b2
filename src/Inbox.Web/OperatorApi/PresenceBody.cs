namespace Inbox.Web.OperatorApi;

/// <summary><c>PUT /api/v1/me/presence</c>: <c>available</c> or <c>away</c>.</summary>
public sealed record PresenceBody(string? State);
