namespace Inbox.Web.Auth;

/// <summary>The <c>Auth</c> section: how long logins last, how fast a revoked one is refused, and login throttling.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>A bearer token's life; API clients get a new one from <c>POST /api/v1/auth/refresh</c>.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session's absolute life, from the login: the console's cookie and every refresh token end with it (a working day and a bit).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long one node trusts what it read of a session and its operator (at most 5 s; logouts and disables on this node take effect at once).</summary>
    public TimeSpan SessionCheckCache { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often live console connections are checked against their sessions (closed when the session ended on any node).</summary>
    public TimeSpan ConnectionCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed logins for one login within <see cref="FailureWindow"/> that lock the login.</summary>
    public int MaxFailuresPerLogin { get; set; } = 5;

    /// <summary>Failed logins from one client address within <see cref="FailureWindow"/> that lock the address.</summary>
    public int MaxFailuresPerAddress { get; set; } = 30;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a lockout lasts, unless an admin lifts it.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
