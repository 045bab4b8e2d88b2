using Inbox.Domain;
using Inbox.Domain.Calls;
using Inbox.Domain.Live;
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
        group.MapPost("/{callId}/acknowledge", AcknowledgeAsync)
            .WithSummary("Marks a missed call as seen; it stops being flagged, and every console hears it (callPop with acknowledged: true).")
            .Produces<CallInfo>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> AcknowledgeAsync(string callId, IGrainFactory grains, ILiveEventPublisher publisher)
    {
        var grain = grains.Reference<ICallSessionGrain>(callId);
        var before = await grain.GetAsync();
        if (await grain.AcknowledgeAsync() is not { } call)
        {
            return Results.Problem($"There is no call {callId}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (before is { Missed: true, Acknowledged: false })
        {
            // Every console drops it from its missed calls (an ended call's pop goes to everyone).
            publisher.PublishCall(new CallPop(call, null, null, [], [], CanCreateCustomer: false));
        }

        return Results.Ok(call);
    }
}
