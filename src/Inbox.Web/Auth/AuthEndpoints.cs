using Inbox.Domain.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// Log in with a cookie (the console) or get a bearer token and a refresh token (API clients); refresh; see who you are;
/// log out. Each login is a session (<see cref="OperatorSessions"/>): logging out, or an admin disabling the operator, ends it
/// for the cookie, the bearer token, the refresh token and the live console connection alike.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Logs in and sets the console's cookie (valid for Auth:SessionLifetime, 12 h by default).")
            .Produces<OperatorView>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/token", TokenAsync).AllowAnonymous()
            .WithSummary("Logs in and returns a bearer token (accessToken, expiresIn, refreshToken) for API clients.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("Trades a refresh token for a new bearer token and refresh token; each refresh token works once, and using one twice ends the session.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization(InboxPolicies.Operator)
            .WithSummary("Ends the session: its cookie, bearer tokens, refresh token and live connections stop working at once.");
        group.MapGet("/me", (HttpContext context) => Results.Ok(OperatorIdentity.From(context.User)))
            .RequireAuthorization(InboxPolicies.Operator).Produces<OperatorIdentity>();
        group.MapGet("/session", (HttpContext context) => Results.Ok(OperatorIdentity.OperatorOf(context.User) is not null && context.User.Identity?.IsAuthenticated == true
                ? new AuthSession(true, OperatorIdentity.From(context.User))
                : AuthSession.None))
            .AllowAnonymous().WithSummary("Whether the request has a live session, and whose: 200 {authenticated: false} without one (never 401).")
            .Produces<AuthSession>();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, OperatorLogin login, OperatorSessions sessions)
    {
        var outcome = await login.TryAsync(request, context.Connection.RemoteIpAddress, context.RequestAborted);
        if (outcome.Account is not { } account)
        {
            return Refused(context, outcome);
        }

        var session = await sessions.StartAsync(account, refreshable: false, context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            OperatorIdentity.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme, session.SessionId),
            new AuthenticationProperties { ExpiresUtc = session.ExpiresAt });
        return Results.Ok(OperatorView.From(account));
    }

    private static async Task<IResult> TokenAsync(LoginRequest request, HttpContext context, OperatorLogin login, OperatorSessions sessions)
    {
        var outcome = await login.TryAsync(request, context.Connection.RemoteIpAddress, context.RequestAborted);
        if (outcome.Account is not { } account)
        {
            return Refused(context, outcome);
        }

        var session = await sessions.StartAsync(account, refreshable: true, context.RequestAborted);
        return Results.SignIn(OperatorIdentity.Principal(account, BearerTokenDefaults.AuthenticationScheme, session.SessionId, session.RefreshId),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, HttpContext context, IOptionsMonitor<BearerTokenOptions> bearer,
        ISessionStore store, IOperatorStore operators, OperatorSessions sessions, TimeProvider clock)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        var now = clock.GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= now
            || OperatorIdentity.SessionOf(ticket.Principal) is not { } sessionId || OperatorIdentity.RefreshOf(ticket.Principal) is not { } refreshId
            || OperatorIdentity.OperatorOf(ticket.Principal) is not { } operatorId)
        {
            return RefreshRefused();
        }

        // read from the store, not the cache: a refresh token works once
        var session = await store.GetAsync(sessionId, context.RequestAborted);
        var account = session is null ? null : await operators.GetAsync(session.OperatorId, context.RequestAborted);
        if (session is null || !session.IsActive(now) || session.OperatorId != operatorId || account is null || account.Disabled)
        {
            return RefreshRefused();
        }

        var next = Guid.NewGuid();
        if (!await store.TryRotateRefreshAsync(sessionId, refreshId, next, context.RequestAborted))
        {
            // an old refresh token used again: it was copied, so the whole session goes
            await sessions.EndAsync(sessionId, context.RequestAborted);
            return RefreshRefused();
        }

        return Results.SignIn(OperatorIdentity.Principal(account, BearerTokenDefaults.AuthenticationScheme, sessionId, next),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, OperatorSessions sessions)
    {
        if (OperatorIdentity.SessionOf(context.User) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, context.RequestAborted);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.NoContent();
    }

    private static IResult Refused(HttpContext context, LoginOutcome outcome)
    {
        if (outcome.LockedUntil is { } until)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem("Too many failed logins: this login or address is locked for a while. An admin can lift the lockout.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        }

        return Results.Problem("Wrong login or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }

    private static IResult RefreshRefused() =>
        Results.Problem("The refresh token is not valid: log in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
