namespace Inbox.Web.Auth;

public sealed record LoginRequest(string? Login, string? Password);
