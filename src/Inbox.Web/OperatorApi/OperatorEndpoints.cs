using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Microsoft.AspNetCore.Identity;

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

    private static async Task<IResult> CreateAsync(NewOperatorBody body, IOperatorStore operators, IPasswordHasher<OperatorAccount> hasher, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Login) || body.Login.Trim().Length > 100)
        {
            errors["login"] = ["A login of 1 to 100 characters is required."];
        }

        if (string.IsNullOrEmpty(body.Password) || body.Password.Length < MinPasswordLength)
        {
            errors["password"] = [$"A password of at least {MinPasswordLength} characters is required."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var login = body.Login!.Trim();
        var account = new OperatorAccount(Guid.NewGuid(), login, string.IsNullOrWhiteSpace(body.DisplayName) ? login : body.DisplayName.Trim(),
            body.Role ?? OperatorRole.Operator, "", clock.GetUtcNow(), string.IsNullOrWhiteSpace(body.Extension) ? null : body.Extension.Trim());
        account = account with { PasswordHash = hasher.HashPassword(account, body.Password!) };
        return await operators.TryAddAsync(account)
            ? Results.Created($"/api/v1/operators/{account.OperatorId}", OperatorView.From(account))
            : Results.Problem($"The login '{login}' is taken.", statusCode: StatusCodes.Status409Conflict);
    }
}
