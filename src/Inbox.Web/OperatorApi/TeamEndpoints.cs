using Inbox.Domain;
using Inbox.Domain.Routing;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Inbox.Web.Validation;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// Teams and their skills, members and automatic assignment: every operator reads them, supervisors and admins change them.
/// A team with conversations not resolved, or named by a routing rule, cannot be deleted (409).
/// </summary>
public static class TeamEndpoints
{
    public static IEndpointRouteBuilder MapTeamEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/teams").WithTags("Teams");
        group.MapGet("/", async (ITeamDirectory teams, CancellationToken cancellationToken) => Results.Ok(await teams.ListAsync(cancellationToken)))
            .RequireAuthorization(InboxPolicies.Operator).WithSummary("Every team with its skills, auto-assignment and members, by key.")
            .Produces<IReadOnlyList<Team>>();
        group.MapGet("/{key}", GetAsync).RequireAuthorization(InboxPolicies.Operator).WithSummary("One team.")
            .Produces<Team>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", SaveAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Creates the team (201) or changes its name, skills and auto-assignment (200); members stay.")
            .Produces<Team>().Produces<Team>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapDelete("/{key}", DeleteAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Deletes the team: refused while conversations not resolved are in it or a routing rule names it.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{key}/members/{operatorId:guid}", (string key, Guid operatorId, HttpContext context, ITeamStore teams, IGrainFactory grains) =>
                SetMemberAsync(key, operatorId, true, context, teams, grains))
            .RequireAuthorization(InboxPolicies.Supervisor).WithSummary("Adds the operator to the team (an operator may be in several).")
            .Produces<Team>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{key}/members/{operatorId:guid}", (string key, Guid operatorId, HttpContext context, ITeamStore teams, IGrainFactory grains) =>
                SetMemberAsync(key, operatorId, false, context, teams, grains))
            .RequireAuthorization(InboxPolicies.Supervisor).WithSummary("Removes the operator from the team.")
            .Produces<Team>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}/auto-assign", SetAutoAssignAsync).RequireAuthorization(InboxPolicies.Supervisor)
            .WithSummary("Turns the automatic assignment of the team's queue on or off.")
            .Produces<Team>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGet("/api/v1/operators/{id:guid}/teams", OfOperatorAsync).WithTags("Teams").RequireAuthorization(InboxPolicies.Operator)
            .WithSummary("The teams the operator belongs to.").Produces<IReadOnlyList<Team>>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string key, HttpContext context, ITeamDirectory teams) =>
        TeamKeys.IsValid(key) && await teams.GetAsync(key, context.RequestAborted) is { } team ? Results.Ok(team) : NotFound(context, key);

    private static async Task<IResult> SaveAsync(string key, TeamBody body, HttpContext context, ITeamStore teams, IGrainFactory grains, IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        if (!TeamKeys.IsValid(key))
        {
            check.Fail("key", RoutingTexts.TeamKeyInvalid(context));
        }

        var name = check.Name("name", body.Name, required: true);
        var channels = Skills(check, "channels", body.Channels, TeamKeys.IsChannel, value => RoutingTexts.ChannelUnknown(context, value));
        var languages = Skills(check, "languages", body.Languages, TeamKeys.IsLanguage, value => RoutingTexts.LanguageInvalid(context, value));
        if (check.Failed)
        {
            return check.Problem();
        }

        var existing = await teams.GetAsync(key, context.RequestAborted);
        var team = new Team(key, name!, channels, languages, body.AutoAssign ?? existing?.AutoAssign ?? true, []);
        var created = await teams.SaveAsync(team, context.RequestAborted);
        var saved = await teams.GetAsync(key, context.RequestAborted);
        Wake(grains, saved);
        return created ? Results.Created($"/api/v1/teams/{key}", saved) : Results.Ok(saved);
    }

    /// <summary>A skill list, trimmed, lowercased and without repeats; each value that <paramref name="valid"/> refuses is noted.</summary>
    internal static List<string> Skills(InputCheck check, string field, IReadOnlyList<string>? values, Func<string, bool> valid, Func<string?, string> refused)
    {
        var skills = new List<string>();
        foreach (var value in values ?? [])
        {
            var skill = value?.Trim().ToLowerInvariant();
            if (skill is null || !valid(skill))
            {
                check.Fail(field, refused(value));
            }
            else if (!skills.Contains(skill))
            {
                skills.Add(skill);
            }
        }

        return skills;
    }

    private static async Task<IResult> DeleteAsync(string key, HttpContext context, ITeamStore teams) =>
        !TeamKeys.IsValid(key) ? NotFound(context, key) : await teams.DeleteAsync(key, context.RequestAborted) switch
        {
            TeamDeletion.Deleted => Results.NoContent(),
            TeamDeletion.HasOpenConversations => Results.Problem(RoutingTexts.TeamHasConversations(context, key), statusCode: StatusCodes.Status409Conflict),
            TeamDeletion.UsedByRules => Results.Problem(RoutingTexts.TeamUsedByRules(context, key), statusCode: StatusCodes.Status409Conflict),
            _ => NotFound(context, key),
        };

    private static async Task<IResult> SetMemberAsync(string key, Guid operatorId, bool member, HttpContext context, ITeamStore teams, IGrainFactory grains) =>
        !TeamKeys.IsValid(key) ? NotFound(context, key) : await teams.SetMemberAsync(key, operatorId, member, context.RequestAborted) switch
        {
            TeamMembership.Done => Results.Ok(Wake(grains, await teams.GetAsync(key, context.RequestAborted))),
            TeamMembership.OperatorNotFound => Results.Problem(PresenceTexts.OperatorUnknown(context, operatorId), statusCode: StatusCodes.Status404NotFound),
            _ => NotFound(context, key),
        };

    private static async Task<IResult> SetAutoAssignAsync(string key, AutoAssignBody body, HttpContext context, ITeamStore teams, IGrainFactory grains)
    {
        if (body.Enabled is not { } enabled)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["enabled"] = [RoutingTexts.EnabledRequired(context)] });
        }

        return TeamKeys.IsValid(key) && await teams.SetAutoAssignAsync(key, enabled, context.RequestAborted)
            ? Results.Ok(Wake(grains, await teams.GetAsync(key, context.RequestAborted)))
            : NotFound(context, key);
    }

    /// <summary>A team whose queue is assigned automatically may now assign more (turned on, a member added): its queue looks again.</summary>
    private static Team? Wake(IGrainFactory grains, Team? team)
    {
        if (team is { AutoAssign: true })
        {
            grains.Reference<ITeamQueueGrain>(TeamKeys.Normalize(team.Key)).WakeAsync().Ignore();
        }

        return team;
    }

    private static async Task<IResult> OfOperatorAsync(Guid id, HttpContext context, IOperatorStore operators, ITeamDirectory teams)
    {
        if (await operators.GetAsync(id, context.RequestAborted) is null)
        {
            return Results.Problem(PresenceTexts.OperatorUnknown(context, id), statusCode: StatusCodes.Status404NotFound);
        }

        return Results.Ok((await teams.ListAsync(context.RequestAborted)).Where(t => t.Members.Contains(id)).ToList());
    }

    private static IResult NotFound(HttpContext context, string key) =>
        Results.Problem(RoutingTexts.TeamUnknown(context, key), statusCode: StatusCodes.Status404NotFound);
}
