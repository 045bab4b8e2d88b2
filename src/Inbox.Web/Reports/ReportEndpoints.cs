using System.Globalization;
using System.Text;
using Inbox.Domain.Reports;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using Inbox.Web.Auth;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Reports;

/// <summary>
/// The supervisor's numbers (supervisors and admins): <c>GET /api/v1/reports/live</c>, the floor now; <c>GET
/// /api/v1/reports/daily</c> (and <c>daily.csv</c>), a day range's figures counted from the store's events (docs/reports.md).
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The <c>team</c> filter value that means conversations with no team.</summary>
    public const string NoTeam = "-";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/reports").WithTags("Reports").RequireAuthorization(InboxPolicies.Supervisor);
        group.MapGet("/live", async (LiveReportBuilder builder, CancellationToken cancellationToken) => Results.Ok(await builder.BuildAsync(cancellationToken)))
            .WithSummary("The floor now: each team's queue and oldest wait, the operators online, away and offline with their load, conversations at SLA risk.")
            .Produces<LiveReport>();
        group.MapGet("/daily", (HttpContext context, string? from, string? to, string? team, string? operatorId, string? channel, string? format,
                IEventHistory history, ISlaPolicies policies, IOptions<ReportsOptions> options, TimeProvider clock) =>
                DailyAsync(context, new DailyQuery(from, to, team, operatorId, channel, format), history, policies, options.Value, clock))
            .WithSummary("A row of figures per local day from `from` to `to` (yyyy-MM-dd, both included) and the totals; format=csv for CSV.")
            .Produces<DailyReport>().Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        group.MapGet("/daily.csv", (HttpContext context, string? from, string? to, string? team, string? operatorId, string? channel,
                IEventHistory history, ISlaPolicies policies, IOptions<ReportsOptions> options, TimeProvider clock) =>
                DailyAsync(context, new DailyQuery(from, to, team, operatorId, channel, "csv"), history, policies, options.Value, clock))
            .WithSummary("The daily figures as CSV (UTF-8, invariant numbers).")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem();
        return endpoints;
    }

    private sealed record DailyQuery(string? From, string? To, string? Team, string? OperatorId, string? Channel, string? Format);

    private static async Task<IResult> DailyAsync(HttpContext context, DailyQuery query, IEventHistory history, ISlaPolicies policies,
        ReportsOptions options, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Date(query.From, "from", context, errors);
        var to = Date(query.To, "to", context, errors);
        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors["to"] = [ReportsTexts.RangeReversed(context)];
            }
            else if (t.DayNumber - f.DayNumber + 1 > options.MaxDays)
            {
                errors["to"] = [ReportsTexts.RangeTooLong(context, options.MaxDays)];
            }
        }

        Guid? operatorId = null;
        if (!string.IsNullOrWhiteSpace(query.OperatorId))
        {
            if (Guid.TryParse(query.OperatorId.Trim(), out var id))
            {
                operatorId = id;
            }
            else
            {
                errors["operatorId"] = [ReportsTexts.OperatorInvalid(context)];
            }
        }

        var csv = query.Format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => (bool?)null,
        };
        if (csv is null)
        {
            errors["format"] = [ReportsTexts.FormatInvalid(context)];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var zone = options.Zone;
        var team = string.IsNullOrWhiteSpace(query.Team) ? null : query.Team.Trim() == NoTeam ? "" : query.Team.Trim();
        var filter = new ReportFilter(team, operatorId, string.IsNullOrWhiteSpace(query.Channel) ? null : query.Channel.Trim());
        var events = await history.ReadActiveSinceAsync(DailyReportCalculator.StartOf(from!.Value, zone), context.RequestAborted);
        var report = DailyReportCalculator.Compute(EpisodeFold.Of(events).Episodes, from.Value, to!.Value, zone, filter, await policies.CurrentAsync(context.RequestAborted),
            options.BotIdleClose, clock.GetUtcNow());
        if (csv == true)
        {
            var name = $"inbox-report-{from.Value:yyyy-MM-dd}-{to.Value:yyyy-MM-dd}.csv";
            return Results.File(Encoding.UTF8.GetBytes(DailyReportCsv.Write(report)), "text/csv; charset=utf-8", name);
        }

        return Results.Ok(report);
    }

    private static DateOnly? Date(string? text, string field, HttpContext context, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[field] = [ReportsTexts.DateInvalid(context)];
        return null;
    }
}
