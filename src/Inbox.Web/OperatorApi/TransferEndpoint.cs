using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Web.Validation;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// <c>POST /api/v1/conversations/{id}/transfer</c>: to an operator or to a team, with a note. Allowed to the assignee, to anyone
/// on a conversation nobody holds, to supervisors and admins on any; a colleague's conversation is otherwise 409.
/// </summary>
public static class TransferEndpoint
{
    public static async Task<IResult> TransferAsync(Guid id, TransferBody body, HttpContext context, IGrainFactory grains, IOperatorStore operators,
        ITeamDirectory teams, IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        var team = body.Team?.Trim().ToLowerInvariant();
        if ((body.OperatorId is null) == (string.IsNullOrEmpty(team)))
        {
            check.Fail("operatorId", RoutingTexts.TransferTarget(context));
        }

        if (string.IsNullOrWhiteSpace(body.Note))
        {
            check.Fail("note", RoutingTexts.TransferNote(context));
        }

        var note = check.Text("note", body.Note, required: true);
        if (check.Failed)
        {
            return check.Problem();
        }

        if (body.OperatorId is { } operatorId && await operators.GetAsync(operatorId, context.RequestAborted) is not { Disabled: false })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["operatorId"] = [PresenceTexts.OperatorUnknown(context, operatorId)] });
        }

        if (!string.IsNullOrEmpty(team) && (!TeamKeys.IsValid(team) || await teams.GetAsync(team, context.RequestAborted) is null))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["team"] = [RoutingTexts.TeamUnknown(context, team)] });
        }

        var by = ConversationEndpoints.Acting(context);
        return await ConversationEndpoints.Guarded(id, grains, async grain =>
            Results.Ok(await grain.TransferAsync(new TransferRequest(by, body.OperatorId, string.IsNullOrEmpty(team) ? null : team, note!.Trim()))));
    }
}
