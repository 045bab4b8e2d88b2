using Inbox.Domain.Sla;
using Inbox.Web.Auth;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// The SLA schedules and policies in force (<see cref="ISlaPolicies"/>): supervisors and admins read them and replace them;
/// operators may do neither. Once written here, the stored set is in force and the <c>Sla</c> settings' policies no longer are.
/// </summary>
public static class SlaEndpoints
{
    public static IEndpointRouteBuilder MapSlaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/sla").WithTags("SLA");
        group.MapGet("/policies", async (ISlaPolicies policies, CancellationToken cancellationToken) =>
                Results.Ok(SlaPoliciesView.From(await policies.ReadAsync(cancellationToken))))
            .RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("The SLA schedules and policies in force: the ones supervisors wrote, else the Sla settings.")
            .Produces<SlaPoliciesView>();
        group.MapPut("/policies", ReplaceAsync)
            .RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Replaces the SLA schedules and policies, checked as the Sla settings are.")
            .Produces<SlaPoliciesView>().ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> ReplaceAsync(SlaPoliciesBody body, ISlaPolicies policies, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var options = body.ToOptions(problems);
        if (problems.Count == 0)
        {
            problems.AddRange(await policies.ReplaceAsync(options, cancellationToken));
        }

        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.ToArray()));
        }

        return Results.Ok(SlaPoliciesView.From(await policies.ReadAsync(cancellationToken)));
    }

    /// <summary>The key a problem names first (<c>Sla:Policies:0:FirstResponse</c>): the field of the answer's errors.</summary>
    private static string KeyOf(string problem)
    {
        var end = problem.IndexOf(' ', StringComparison.Ordinal);
        return (end < 0 ? problem : problem[..end]).TrimEnd(':');
    }
}
