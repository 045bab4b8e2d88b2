using Inbox.Domain.Storage;
using Inbox.Web.Auth;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// <c>GET /api/v1/operators/colleagues</c> (any operator): every enabled operator's id and display name, by name, so that an
/// operator can transfer their conversation to a colleague. Logins, roles and presence stay the supervisors'.
/// </summary>
public static class ColleagueEndpoints
{
    public static IEndpointRouteBuilder MapColleagueEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/operators/colleagues", async (IOperatorStore operators, CancellationToken cancellationToken) =>
                Results.Ok((await operators.ListAsync(cancellationToken))
                    .Where(a => !a.Disabled)
                    .Select(a => new ColleagueView(a.OperatorId, a.DisplayName))
                    .OrderBy(c => c.DisplayName, StringComparer.CurrentCultureIgnoreCase)
                    .ToList()))
            .WithTags("Operators").RequireAuthorization(InboxPolicies.Operator)
            .WithSummary("Every enabled operator's id and display name: whom an operator may transfer a conversation to.")
            .Produces<IEnumerable<ColleagueView>>();
        return endpoints;
    }
}
