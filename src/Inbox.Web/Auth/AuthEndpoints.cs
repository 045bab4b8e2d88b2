using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Web.Auth;

/// <summary>Log in with a cookie (the console) or get a bearer token (API clients); see who you are; log out.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous()
            .WithSummary("Logs in and sets the console's cookie.")
            .Produces<OperatorView>().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/token", TokenAsync).AllowAnonymous()
            .WithSummary("Logs in and returns a bearer token (accessToken, expiresIn, refreshToken) for API clients.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/me", (HttpContext context) => Results.Ok(OperatorIdentity.From(context.User)))
            .RequireAuthorization(InboxPolicies.Operator).Produces<OperatorIdentity>();
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher)
    {
        var account = await VerifyAsync(request, operators, hasher);
        if (account is null)
        {
            return Refused();
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            OperatorIdentity.Principal(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.Ok(OperatorView.From(account));
    }

    private static async Task<IResult> TokenAsync(LoginRequest request, IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher)
    {
        var account = await VerifyAsync(request, operators, hasher);
        return account is null
            ? Refused()
            : Results.SignIn(OperatorIdentity.Principal(account, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    private static async Task<OperatorAccount?> VerifyAsync(LoginRequest request, IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher)
    {
        if (string.IsNullOrWhiteSpace(request.Login) || string.IsNullOrEmpty(request.Password))
        {
            return null;
        }

        var account = await operators.FindByLoginAsync(request.Login.Trim());
        if (account is null)
        {
            return null;
        }

        return hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) == PasswordVerificationResult.Failed ? null : account;
    }

    private static IResult Refused() =>
        Results.Problem("Wrong login or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
}
