using Inbox.Domain.Sla;
using Inbox.Web.Auth;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// The SLA schedules and policies in force, as read from the <c>Sla</c> settings: supervisors and admins read them.
/// Writing them through the API (admins) comes with their durable storage; until then they are changed in the settings.
/// </summary>
public static class SlaEndpoints
{
    public static IEndpointRouteBuilder MapSlaEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/sla").WithTags("SLA");
        group.MapGet("/policies", (SlaCatalog catalog) => Results.Ok(SlaPoliciesView.From(catalog)))
            .RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("The SLA schedules and policies in force, read from the Sla settings.")
            .Produces<SlaPoliciesView>();
        return endpoints;
    }
}
