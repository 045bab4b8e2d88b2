using Inbox.Domain.Calls;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;

namespace Inbox.Web.Calls;

/// <summary>The call log, and missed calls waiting for an operator to acknowledge them.</summary>
public static class CallEndpoints
{
    public static IEndpointRouteBuilder MapCallEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/calls").WithTags("Calls").RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/", async (ICallLog log, bool? missed, int? limit) => Results.Ok(await log.ListAsync(missed ?? false, Math.Clamp(limit ?? 50, 1, 500))))
            .WithSummary("Calls, newest first; with missed=true only missed calls nobody has acknowledged.")
            .Produces<IReadOnlyList<CallInfo>>();
        group.MapPost("/{callId}/acknowledge", async (string callId, IGrainFactory grains) =>
            await grains.GetGrain<ICallSessionGrain>(callId).AcknowledgeAsync() is { } call
                ? Results.Ok(call)
                : Results.Problem($"There is no call {callId}.", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Marks a missed call as seen; it stops being flagged.")
            .Produces<CallInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }
}
