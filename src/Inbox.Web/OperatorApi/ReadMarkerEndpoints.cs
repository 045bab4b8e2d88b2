using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// Unread counts: each operator's read marker per conversation (stored, so every browser of the operator agrees) and the
/// customer's messages after it.
/// </summary>
public static class ReadMarkerEndpoints
{
    /// <summary>The most conversations one count request may name.</summary>
    public const int MaxIds = ConversationEndpoints.MaxPage;

    public static IEndpointRouteBuilder MapReadMarkerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/conversations").WithTags("Conversations").RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/unread", CountAsync)
            .WithSummary("The caller's unread customer messages in each conversation of ids (comma-separated, at most 200), and the total over the queue and the caller's own conversations.")
            .Produces<UnreadPage>().ProducesValidationProblem();
        group.MapPost("/{id:guid}/read", MarkReadAsync)
            .WithSummary("The caller has seen the conversation up to this sequence: the customer's messages up to it no longer count as unread (a marker never moves back).")
            .Produces<UnreadCount>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> CountAsync(HttpContext context, IReadMarkerStore markers, string? ids)
    {
        var parsed = new List<Guid>();
        foreach (var word in (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(word, out var id))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"'{word}' is not a conversation id."] });
            }

            parsed.Add(id);
        }

        if (parsed.Distinct().Count() > MaxIds)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = [$"At most {MaxIds} conversations at once."] });
        }

        var me = OperatorIdentity.From(context.User).OperatorId;
        var items = await markers.CountAsync(me, parsed, context.RequestAborted);
        return Results.Ok(new UnreadPage(await markers.TotalAsync(me, context.RequestAborted), items));
    }

    private static async Task<IResult> MarkReadAsync(Guid id, ReadBody? body, HttpContext context, IGrainFactory grains, IReadMarkerStore markers)
    {
        if (body?.Sequence is not { } sequence || sequence < 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["sequence"] = ["sequence is the last event seen: a number from 0."] });
        }

        var conversation = await grains.Reference<IConversationGrain>(id).GetAsync();
        if (conversation is null)
        {
            return Results.Problem($"There is no conversation {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (sequence > conversation.LastSequence)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["sequence"] = [$"The conversation's last event is {conversation.LastSequence}; {sequence} has not happened."],
            });
        }

        var me = OperatorIdentity.From(context.User).OperatorId;
        await markers.MarkReadAsync(me, id, sequence, context.RequestAborted);
        return Results.Ok((await markers.CountAsync(me, [id], context.RequestAborted))[0]);
    }
}
