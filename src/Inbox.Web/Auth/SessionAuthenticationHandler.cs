using System.Text.Encodings.Web;
using Inbox.Connectors.Http;
using Inbox.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Auth;

/// <summary>
/// The default scheme (<see cref="InboxPolicies.Scheme"/>): reads the bearer token when the request carries one (the
/// <c>Authorization</c> header, or <c>access_token</c> on the hub), else the console's cookie, and then accepts it only
/// while its session stands (<see cref="SessionValidator"/>). A cookie whose session ended is deleted. A channel's endpoint
/// (<see cref="ChannelEndpointMetadata"/>) is not read at all: its <c>Authorization</c> header holds the channel's token,
/// which unprotecting as an operator's would fail on every request.
/// </summary>
public sealed class SessionAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    SessionValidator sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string TargetScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (context.Request.Path.StartsWithSegments(InboxHub.Path) && context.Request.Query.ContainsKey("access_token"))
            ? BearerTokenDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<ChannelEndpointMetadata>() is not null)
        {
            return AuthenticateResult.NoResult();
        }

        var target = TargetScheme(Context);
        var inner = await Context.AuthenticateAsync(target);
        if (!inner.Succeeded)
        {
            return inner.Failure is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(inner.Failure);
        }

        var principal = await sessions.ValidateAsync(inner.Principal, target, Context.RequestAborted);
        if (principal is null)
        {
            if (target == CookieAuthenticationDefaults.AuthenticationScheme && !Response.HasStarted)
            {
                await Context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            return AuthenticateResult.Fail("The session has ended, or its operator is disabled or unknown.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, inner.Properties, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Context.ChallengeAsync(TargetScheme(Context), properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Context.ForbidAsync(TargetScheme(Context), properties);
}
