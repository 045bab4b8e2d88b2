namespace Inbox.Benchmarks;

/// <summary>The answer of <c>POST /api/v1/auth/token</c>.</summary>
public sealed record TokenResponse(string? TokenType, string? AccessToken, long ExpiresIn, string? RefreshToken);
