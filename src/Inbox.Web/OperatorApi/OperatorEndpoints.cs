using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>Operator accounts: supervisors list them, admins create them.</summary>
public static class OperatorEndpoints
{
    public const int MinPasswordLength = 10;

    public static IEndpointRouteBuilder MapOperatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/operators").WithTags("Operators");
        group.MapGet("/", async (IOperatorStore operators) => Results.Ok((await operators.ListAsync()).Select(OperatorView.From)))
            .RequireAuthorization(InboxPolicies.Supervisor).Produces<IEnumerable<OperatorView>>();
        group.MapPost("/", CreateAsync).RequireAuthorization(InboxPolicies.Admin)
            .Produces<OperatorView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(NewOperatorBody body, IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, TimeProvider clock,
        IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        var login = check.Login("login", body.Login);
        var displayName = check.DisplayName("displayName", body.DisplayName);
        var extension = check.Extension("extension", body.Extension);
        var role = check.Defined("role", body.Role);
        if (string.IsNullOrEmpty(body.Password) || body.Password.Length < MinPasswordLength)
        {
            check.Fail("password", $"A password of at least {MinPasswordLength} characters is required.");
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
