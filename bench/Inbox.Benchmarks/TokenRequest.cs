namespace Inbox.Benchmarks;

/// <summary>The body of <c>POST /api/v1/auth/token</c>.</summary>
public sealed record TokenRequest(string Login, string Password);
