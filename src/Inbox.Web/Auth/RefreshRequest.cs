namespace Inbox.Web.Auth;

public sealed record RefreshRequest(string? RefreshToken);
