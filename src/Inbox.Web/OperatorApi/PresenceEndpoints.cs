using Inbox.Domain;
using Inbox.Domain.Operators;
using Inbox.Domain.Presence;
using Inbox.Domain.Storage;
using Inbox.Silo.Presence;
using Inbox.Web.Auth;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// Presence and capacity: an operator sets themselves away or available; supervisors see every operator's presence, capacity
/// and load; admins set an operator's capacity. Being online is not set here: it follows the consoles connected to the hub.
/// </summary>
public static class PresenceEndpoints
{
    public const string Available = "available";
    public const string Away = "away";

    public static IEndpointRouteBuilder MapPresenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").WithTags("Presence").RequireAuthorization(InboxPolicies.Operator);
        me.MapGet("/presence", async (HttpContext context, IGrainFactory grains) =>
                Results.Ok(await grains.Reference<IOperatorPresenceGrain>(Me(context)).GetAsync()))
            .WithSummary("Your presence: online while a console is connected, away when you say so, offline after the grace.")
            .Produces<OperatorPresence>();
        me.MapPut("/presence", SetMineAsync)
            .WithSummary("Sets yourself away, or available again.")
            .Produces<OperatorPresence>().ProducesValidationProblem();

        var operators = endpoints.MapGroup("/api/v1/operators").WithTags("Presence");
        operators.MapGet("/presence", ListAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Every operator's presence, since when, capacity and load (conversations assigned now).")
            .Produces<IEnumerable<OperatorPresenceView>>();
        operators.MapPut("/{id:guid}/capacity", SetCapacityAsync).RequireAuthorization(InboxPolicies.Admin)
            .WithSummary($"Sets how many conversations the operator takes at once (0 to {RoutingOptions.MaxCapacity}).")
            .Produces<OperatorPresenceView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static Guid Me(HttpContext context) => OperatorIdentity.From(context.User).OperatorId;

    private static async Task<IResult> SetMineAsync(PresenceBody body, HttpContext context, IGrainFactory grains)
    {
        var away = body.State?.Trim().ToLowerInvariant() switch
        {
            Available => false,
            Away => true,
            _ => (bool?)null,
        };
        if (away is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [PresenceTexts.StateInvalid(context)] });
        }

        return Results.Ok(await grains.Reference<IOperatorPresenceGrain>(Me(context)).SetAwayAsync(away.Value));
    }

    private static async Task<IResult> ListAsync(IOperatorStore store, IConversationQueries queries, IGrainFactory grains,
        IOptions<RoutingOptions> options, CancellationToken cancellationToken) =>
        Results.Ok(await ListViewsAsync(store, queries, grains, options.Value, cancellationToken));

    /// <summary>Every enabled operator's presence, capacity and load (also the reports' live figures).</summary>
    public static async Task<IReadOnlyList<OperatorPresenceView>> ListViewsAsync(IOperatorStore store, IConversationQueries queries, IGrainFactory grains,
        RoutingOptions options, CancellationToken cancellationToken)
    {
        var accounts = (await store.ListAsync(cancellationToken)).Where(a => !a.Disabled).ToList();
        var loads = await queries.CountAssignedAsync(cancellationToken);
        var presences = await Task.WhenAll(accounts.Select(a => grains.Reference<IOperatorPresenceGrain>(a.OperatorId).GetAsync()));
        return accounts.Zip(presences, (account, presence) => View(account, presence, loads, options)).ToList();
    }

    private static async Task<IResult> SetCapacityAsync(Guid id, CapacityBody body, HttpContext context, IOperatorStore store,
        IConversationQueries queries, IGrainFactory grains, IOptions<RoutingOptions> options)
    {
        if (body.Capacity is not (>= 0 and <= RoutingOptions.MaxCapacity) || body.Capacity is not { } capacity)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["capacity"] = [PresenceTexts.CapacityInvalid(context, RoutingOptions.MaxCapacity)] });
        }

        if (!await store.SetCapacityAsync(id, capacity, context.RequestAborted) || await store.GetAsync(id, context.RequestAborted) is not { } account)
        {
            return Results.Problem(PresenceTexts.OperatorUnknown(context, id), statusCode: StatusCodes.Status404NotFound);
        }

        var grain = grains.Reference<IOperatorPresenceGrain>(id);
        await grain.WakeTeamsAsync(); // more room (or less): their teams' queues look again
        var presence = await grain.GetAsync();
        return Results.Ok(View(account, presence, await queries.CountAssignedAsync(context.RequestAborted), options.Value));
    }

    private static OperatorPresenceView View(OperatorAccount account, OperatorPresence presence, IReadOnlyDictionary<Guid, int> loads, RoutingOptions options) =>
        new(account.OperatorId, account.Login, account.DisplayName, presence.State, presence.Since, presence.Connections,
            account.Capacity ?? options.DefaultCapacity, loads.GetValueOrDefault(account.OperatorId));
}
