using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// Operator accounts: supervisors list them; admins create, disable and enable them, and lift login lockouts. Disabling
/// ends every session of the operator at once: their cookies, tokens and live console connections stop working.
/// </summary>
public static class OperatorEndpoints
{
    public const int MinPasswordLength = 10;

    public const int MaxPasswordLength = 256;

    /// <summary>The product's password rule, for every password that is set: <see cref="MinPasswordLength"/> to <see cref="MaxPasswordLength"/> characters.</summary>
    public static bool IsAcceptablePassword(string? password) => password is { Length: >= MinPasswordLength and <= MaxPasswordLength };

    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/operators").WithTags("Operators");
        group.MapGet("/", async (IOperatorStore operators) => Results.Ok((await operators.ListAsync()).Select(OperatorView.From)))
            .RequireAuthorization(InboxPolicies.Supervisor).Produces<IEnumerable<OperatorView>>();
        group.MapPost("/", CreateAsync).RequireAuthorization(InboxPolicies.Admin)
            .Produces<OperatorView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/disable", DisableAsync).RequireAuthorization(InboxPolicies.Admin)
            .WithSummary("Disables an operator: they cannot log in, and every session of theirs ends at once.")
            .Produces<OperatorView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/enable", EnableAsync).RequireAuthorization(InboxPolicies.Admin)
            .WithSummary("Enables a disabled operator again (they log in anew).").Produces<OperatorView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/unlock", UnlockAsync).RequireAuthorization(InboxPolicies.Admin)
            .WithSummary("Lifts the lockout of the operator's login after too many failed logins.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/lockouts", async (LoginThrottle throttle, CancellationToken cancellationToken) => Results.Ok(await throttle.ListLockedAsync(cancellationToken)))
            .RequireAuthorization(InboxPolicies.Admin).WithSummary("The logins (login:…) and client addresses (address:…) locked now.")
            .Produces<IEnumerable<LoginLockout>>();
        group.MapDelete("/lockouts/{key}", async (string key, LoginThrottle throttle, CancellationToken cancellationToken) =>
                await throttle.LiftAsync(key, cancellationToken) ? Results.NoContent() : Results.Problem($"Nothing is locked under '{key}'.", statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(InboxPolicies.Admin).WithSummary("Lifts a lockout by its key, e.g. address:203.0.113.7.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> DisableAsync(Guid id, HttpContext context, IOperatorStore operators, OperatorSessions sessions)
    {
        if (OperatorIdentity.OperatorOf(context.User) == id)
        {
            return Results.Problem("An admin cannot disable their own account.", statusCode: StatusCodes.Status409Conflict);
        }

        if (!await operators.SetDisabledAsync(id, true, context.RequestAborted))
        {
            return NotFound(id);
        }

        await sessions.EndAllAsync(id, context.RequestAborted);
        return Results.Ok(OperatorView.From((await operators.GetAsync(id, context.RequestAborted))!));
    }

    private static async Task<IResult> EnableAsync(Guid id, IOperatorStore operators, CancellationToken cancellationToken) =>
        await operators.SetDisabledAsync(id, false, cancellationToken)
            ? Results.Ok(OperatorView.From((await operators.GetAsync(id, cancellationToken))!))
            : NotFound(id);

    private static async Task<IResult> UnlockAsync(Guid id, IOperatorStore operators, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        if (await operators.GetAsync(id, cancellationToken) is not { } account)
        {
            return NotFound(id);
        }

        await throttle.LiftAsync(LoginThrottle.LoginKey(account.Login), cancellationToken);
        return Results.NoContent();
    }

    private static IResult NotFound(Guid id) => Results.Problem($"There is no operator {id}.", statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> CreateAsync(NewOperatorBody body, IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, TimeProvider clock,
        IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        var login = check.Login("login", body.Login);
        var displayName = check.DisplayName("displayName", body.DisplayName);
        var extension = check.Extension("extension", body.Extension);
        var role = check.Defined("role", body.Role);
        if (!IsAcceptablePassword(body.Password))
        {
            check.Fail("password", $"A password of {MinPasswordLength} to {MaxPasswordLength} characters is required.");
        }

        if (check.Failed)
        {
            return check.Problem();
        }

        var account = new OperatorAccount(Guid.NewGuid(), login!, displayName ?? login!, role ?? OperatorRole.Operator, "", clock.GetUtcNow(), extension);
        account = account with { PasswordHash = hasher.HashPassword(account, body.Password!) };
        return await operators.TryAddAsync(account)
            ? Results.Created($"/api/v1/operators/{account.OperatorId}", OperatorView.From(account))
            : Results.Problem($"The login '{login}' is taken.", statusCode: StatusCodes.Status409Conflict);
    }
}
