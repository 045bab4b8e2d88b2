using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Live;
using Inbox.Domain.Operators;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.Validation;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>The operators' conversation API: the list, one conversation with its timeline, reply, note, assign, resolve.</summary>
public static class ConversationEndpoints
{
    public const int MaxPage = 200;

    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/conversations").WithTags("Conversations").RequireAuthorization(InboxPolicies.Operator);
        group.MapGet("/", ListAsync).WithSummary("Conversations by status (bot, queued, assigned, resolved; comma-separated) assignee (me, none or an operator id) and team (a key, or none), newest activity first; status=queued in the queue's order (priority, then the longest wait). Search: q (name, phone, e-mail, identity, order number), channel (last inbound), label, sort (waiting, newest, oldest).")
            .Produces<ConversationListPage>().ProducesValidationProblem();
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One conversation, the customer card and the newest page of the timeline.")
            .Produces<ConversationDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/messages", TimelineAsync).WithSummary("A page of the timeline in the order things happened, oldest first; pass nextBefore as before for the older page.")
            .Produces<TimelinePage>();
        group.MapGet("/{id:guid}/events", EventsAsync).WithSummary("The live events after a sequence number: what a console missed.")
            .Produces<IReadOnlyList<LiveEvent>>();
        group.MapPost("/{id:guid}/messages", ReplyAsync).WithSummary("Replies to the customer; the reply is queued and delivered by the outbox. An Idempotency-Key header makes a repeat return the first reply.")
            .Produces<TimelineMessage>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/notes", NoteAsync).WithSummary("Adds a private note that the customer never sees. An Idempotency-Key header makes a repeat return the first note.")
            .Produces<TimelineMessage>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/assign", AssignAsync).WithSummary("Assigns to an operator (supervisors) or to yourself; a colleague's conversation needs takeOver (or a supervisor).")
            .Produces<ConversationSnapshot>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/take-over", (Guid id, HttpContext context, IGrainFactory grains) =>
                ChangeAsync(id, grains, g => g.AssignAsync(OperatorIdentity.From(context.User).OperatorId, Acting(context, takeOver: true))))
            .WithSummary("Takes over a conversation a colleague is working on: it becomes yours, the timeline records it, and the colleague's console is told.")
            .Produces<ConversationSnapshot>();
        group.MapPost("/{id:guid}/unassign", (Guid id, HttpContext context, IGrainFactory grains) => ChangeAsync(id, grains, g => g.AssignAsync(null, Acting(context))))
            .WithSummary("Puts the conversation back in the queue (a colleague's: supervisors).").Produces<ConversationSnapshot>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/resolve", (Guid id, HttpContext context, IGrainFactory grains) => ChangeAsync(id, grains, g => g.ResolveAsync(Acting(context))))
            .WithSummary("Marks the conversation resolved (a colleague's: supervisors, or take it over first); the customer's next message reopens it.")
            .Produces<ConversationSnapshot>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reopen", (Guid id, IGrainFactory grains) => ChangeAsync(id, grains, g => g.ReopenAsync()))
            .WithSummary("Reopens a resolved conversation.").Produces<ConversationSnapshot>();
        group.MapPut("/{id:guid}/labels", LabelsEndpoint.SetLabelsAsync)
            .WithSummary("Sets the conversation's labels (the whole list); every console and list follows through the live event.")
            .Produces<ConversationSnapshot>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/transfer", TransferEndpoint.TransferAsync)
            .WithSummary("Transfers to an operator or to a team's queue with a note, recorded on the timeline (a colleague's conversation: supervisors).")
            .Produces<ConversationSnapshot>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IConversationQueries store, string? status, string? assignee, int? offset, int? limit,
        string? team, [AsParameters] ConversationListSearch search)
    {
        team = team?.Trim().ToLowerInvariant();
        if (team is { Length: 0 })
        {
            team = null;
        }
        else if (team is not null && team != ConversationQuery.NoTeam && !Domain.Routing.TeamKeys.IsValid(team))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["team"] = [RoutingTexts.TeamFilterInvalid(context)] });
        }

        var statuses = new List<ConversationStatus>();
        foreach (var word in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ConversationStatus>(word, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"'{word}' is not one of bot, queued, assigned, resolved."] });
            }

            statuses.Add(parsed);
        }

        Guid? assigneeId = null;
        var unassigned = false;
        switch (assignee?.Trim().ToLowerInvariant())
        {
            case null or "" or "any":
                break;
            case "me":
                assigneeId = OperatorIdentity.From(context.User).OperatorId;
                break;
            case "none":
                unassigned = true;
                break;
            default:
                if (!Guid.TryParse(assignee, out var parsedId))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["assignee"] = ["assignee is me, none, any or an operator id."] });
                }

                assigneeId = parsedId;
                break;
        }

        var (query, problem) = await search.ApplyAsync(
            new ConversationQuery(statuses, assigneeId, unassigned, Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 50, 1, MaxPage), team), context.RequestAborted);
        return problem ?? Results.Ok(await store.ListConversationsAsync(query!));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext context, IGrainFactory grains, IConversationQueries store, int? limit)
    {
        var grain = grains.Reference<IConversationGrain>(id);
        var conversation = await grain.GetAsync();
        if (conversation is null)
        {
            return NotFound(id);
        }

        // The assignee opening a conversation routing gave them: it is theirs now and no longer goes back to the queue.
        var me = OperatorIdentity.From(context.User).OperatorId;
        if (conversation.AwaitingOpenSince is not null && conversation.AssigneeId == me)
        {
            await grain.MarkOpenedAsync(me);
            conversation = await grain.GetAsync() ?? conversation;
        }

        var customer = await grains.Reference<ICustomerGrain>(conversation.CustomerId).GetAsync();
        var page = await store.GetTimelineAsync(id, null, Math.Clamp(limit ?? 50, 1, MaxPage));
        return Results.Ok(new ConversationDetails(conversation, customer, page.Messages, page.NextBefore));
    }

    private static async Task<IResult> TimelineAsync(Guid id, IConversationQueries store, string? before, int? limit)
    {
        try
        {
            return Results.Ok(await store.GetTimelineAsync(id, before, Math.Clamp(limit ?? 50, 1, MaxPage)));
        }
        catch (FormatException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["before"] = [ex.Message] });
        }
    }

    private static async Task<IResult> EventsAsync(Guid id, IConversationQueries store, long? after, int? limit) =>
        Results.Ok(await store.GetEventsAsync(id, after ?? 0, Math.Clamp(limit ?? 500, 1, 1000)));

    private static async Task<IResult> ReplyAsync(Guid id, ReplyBody body, HttpContext context, IGrainFactory grains, IAttachmentStore attachments,
        IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        check.Text("text", body.Text, required: false);
        check.Identity("identity", body.Identity, required: false);
        check.Attachments("attachmentIds", body.AttachmentIds);
        if (check.Failed)
        {
            return check.Problem();
        }

        var files = new List<AttachmentInfo>();
        foreach (var attachmentId in body.AttachmentIds ?? [])
        {
            var info = await attachments.GetInfoAsync(attachmentId);
            if (info is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["attachmentIds"] = [$"There is no uploaded file {attachmentId}."] });
            }

            files.Add(info);
        }

        if (string.IsNullOrWhiteSpace(body.Text) && files.Count == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["A reply needs text or a file."] });
        }

        if (!IdempotencyKeyHeader.TryRead(context, out var key, out var keyProblem))
        {
            return keyProblem;
        }

        var me = OperatorIdentity.From(context.User);
        return await Guarded(id, grains, async grain =>
        {
            var message = await grain.ReplyAsync(new ReplyRequest(me.OperatorId, me.DisplayName, body.Text ?? "", body.Channel, body.Identity,
                files.Count == 0 ? null : files, Acting(context, body.TakeOver), IdempotencyKey: key));
            return Results.Accepted($"/api/v1/conversations/{id}/messages", message);
        });
    }

    private static async Task<IResult> NoteAsync(Guid id, NoteBody body, HttpContext context, IGrainFactory grains, IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        check.Text("text", body.Text, required: true);
        if (check.Failed)
        {
            return check.Problem();
        }

        if (!IdempotencyKeyHeader.TryRead(context, out var key, out var keyProblem))
        {
            return keyProblem;
        }

        var me = OperatorIdentity.From(context.User);
        return await Guarded(id, grains, async grain =>
        {
            var note = await grain.AddNoteAsync(me.OperatorId, me.DisplayName, body.Text!, key);
            return Results.Created($"/api/v1/conversations/{id}/messages", note);
        });
    }

    private static async Task<IResult> AssignAsync(Guid id, AssignBody? body, HttpContext context, IGrainFactory grains, IOperatorStore operators)
    {
        var me = OperatorIdentity.From(context.User);
        var target = body?.OperatorId ?? me.OperatorId;
        if (target != me.OperatorId && me.Role == OperatorRole.Operator)
        {
            return Results.Problem("Only supervisors assign conversations to others.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (await operators.GetAsync(target) is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["operatorId"] = [$"There is no operator {target}."] });
        }

        return await ChangeAsync(id, grains, g => g.AssignAsync(target, Acting(context, body?.TakeOver == true)));
    }

    /// <summary>The operator making the request: supervisors and admins may act in a colleague's conversation, operators by taking it over.</summary>
    internal static ActingOperator Acting(HttpContext context, bool takeOver = false)
    {
        var me = OperatorIdentity.From(context.User);
        return new ActingOperator(me.OperatorId, string.IsNullOrEmpty(me.DisplayName) ? me.Login : me.DisplayName, me.Role != OperatorRole.Operator, takeOver);
    }

    private static Task<IResult> ChangeAsync(Guid id, IGrainFactory grains, Func<IConversationGrain, Task<ConversationSnapshot>> change) =>
        Guarded(id, grains, async grain => Results.Ok(await change(grain)));

    /// <summary>Runs a command on an existing conversation; an unknown one is 404, a refused command 409 with the reason, a refused field 400.</summary>
    internal static async Task<IResult> Guarded(Guid id, IGrainFactory grains, Func<IConversationGrain, Task<IResult>> command)
    {
        var grain = grains.Reference<IConversationGrain>(id);
        if (await grain.GetAsync() is null)
        {
            return NotFound(id);
        }

        try
        {
            return await command(grain);
        }
        catch (ConversationHeldException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "A colleague is working on this conversation",
                extensions: new Dictionary<string, object?> { ["assigneeId"] = ex.AssigneeId, ["takeOver"] = $"/api/v1/conversations/{id}/take-over" });
        }
        catch (IdempotencyKeyReusedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The idempotency key was used for another request");
        }
        catch (ConversationInputException ex)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
        }
        catch (ConversationException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Not possible in this conversation");
        }
    }

    private static IResult NotFound(Guid id) =>
        Results.Problem($"There is no conversation {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
