using Inbox.Domain.Routing;
using Inbox.Web.Auth;
using Inbox.Web.Validation;
using Microsoft.Extensions.Options;

namespace Inbox.Web.OperatorApi;

/// <summary>The routing rules, read and replaced as a whole by supervisors and admins.</summary>
public static class RoutingRuleEndpoints
{
    /// <summary>The most rules a list may have.</summary>
    public const int MaxRules = 100;

    /// <summary>The longest intent a rule may name.</summary>
    public const int MaxIntentLength = 64;

    public static IEndpointRouteBuilder MapRoutingRuleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/routing").WithTags("Teams").RequireAuthorization(InboxPolicies.Supervisor);
        group.MapGet("/rules", async (ITeamStore teams, CancellationToken cancellationToken) => Results.Ok(new RoutingRulesBody(await teams.GetRulesAsync(cancellationToken))))
            .WithSummary("The routing rules in the order they are tried: the first that matches a conversation entering the queue chooses its team.")
            .Produces<RoutingRulesBody>();
        group.MapPut("/rules", ReplaceAsync).WithSummary("Replaces every rule; a rule naming a team that is not there is refused (400) and nothing changes.")
            .Produces<RoutingRulesBody>().ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<IResult> ReplaceAsync(RoutingRulesBody body, HttpContext context, ITeamStore teams, IOptions<LimitsOptions> limits)
    {
        var check = new InputCheck(limits.Value);
        var given = body.Rules ?? [];
        if (given.Count > MaxRules)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["rules"] = [RoutingTexts.TooManyRules(context, MaxRules)] });
        }

        var rules = new List<RoutingRule>();
        for (var i = 0; i < given.Count; i++)
        {
            var rule = given[i];
            var field = $"rules[{i}]";
            if (rule is null || !TeamKeys.IsValid(rule.Team))
            {
                check.Fail($"{field}.team", RoutingTexts.TeamKeyInvalid(context));
                continue;
            }

            var channels = TeamEndpoints.Skills(check, $"{field}.channels", rule.Channels, TeamKeys.IsChannel, v => RoutingTexts.ChannelUnknown(context, v));
            var languages = TeamEndpoints.Skills(check, $"{field}.languages", rule.Languages, TeamKeys.IsLanguage, v => RoutingTexts.LanguageInvalid(context, v));
            var intents = TeamEndpoints.Skills(check, $"{field}.intents", rule.Intents, v => v.Length is > 0 and <= MaxIntentLength,
                _ => RoutingTexts.IntentInvalid(context, MaxIntentLength));
            rules.Add(new RoutingRule(channels, intents, languages, rule.PossibleVictim, rule.Team));
        }

        if (check.Failed)
        {
            return check.Problem();
        }

        var unknown = await teams.ReplaceRulesAsync(rules, context.RequestAborted);
        if (unknown.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["rules"] = unknown.Select(k => RoutingTexts.TeamUnknown(context, k)).ToArray() });
        }

        return Results.Ok(new RoutingRulesBody(rules));
    }
}
