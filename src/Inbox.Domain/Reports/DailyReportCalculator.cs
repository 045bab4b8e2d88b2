using Inbox.Domain.Sla;

namespace Inbox.Domain.Reports;

/// <summary>Counts folded episodes into a <see cref="DailyReport"/>: each episode counts on the local day it started.</summary>
public static class DailyReportCalculator
{
    /// <summary>The UTC instant the local day <paramref name="day"/> begins in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30); // a day that starts in a clock change begins when the clock shows a time
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>The local day of an instant in <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static DailyReport Compute(IEnumerable<Episode> episodes, DateOnly from, DateOnly to, TimeZoneInfo zone, ReportFilter filter,
        SlaCatalog catalog, TimeSpan? botIdleClose, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        var (start, end) = (StartOf(from, zone), StartOf(to.AddDays(1), zone));
        var counted = episodes.Where(e => e.StartedAt >= start && e.StartedAt < end && filter.Matches(e)).ToList();
        var byDay = counted.ToLookup(e => DayOf(e.StartedAt, zone));
        var days = new List<DailyFigures>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(Figures(day, byDay[day].ToList(), catalog, botIdleClose, now));
        }

        return new DailyReport(from, to, zone.Id, filter.Team, filter.OperatorId, filter.Channel, now, days,
            Figures(null, counted, catalog, botIdleClose, now));
    }

    private static DailyFigures Figures(DateOnly? day, IReadOnlyList<Episode> episodes, SlaCatalog catalog, TimeSpan? botIdleClose, DateTimeOffset now)
    {
        var firstResponses = episodes.Select(e => e.FirstResponseTime).OfType<TimeSpan>().Select(t => t.TotalSeconds).ToList();
        var resolutions = episodes.Select(e => e.ResolutionTime).OfType<TimeSpan>().Select(t => t.TotalSeconds).ToList();
        var bot = episodes.Where(e => e.BotAnswered).ToList();
        var contained = bot.Count(e => e.ContainedByBot(now, botIdleClose));
        var handedOff = bot.Count(e => e.Handoff is not null);
        var ratings = episodes.SelectMany(e => e.Ratings).ToList();
        var slaTargets = 0;
        var slaBreached = 0;
        foreach (var episode in episodes)
        {
            if (episode.Sla.Count > 0 || (episode.QueuedAt is not null && catalog.Find(episode.Team, episode.Priority) is not null))
            {
                slaTargets += 2;
                slaBreached += episode.BreachedTargets.Count(t => t is SlaTargets.FirstResponse or SlaTargets.Resolution);
            }
        }

        return new DailyFigures(
            day,
            episodes.Count,
            Count(episodes.Select(e => e.Channel)),
            Count(episodes.Select(e => e.Intent ?? NoIntent)),
            firstResponses.Count,
            Percentile(firstResponses, 0.5),
            Percentile(firstResponses, 0.9),
            resolutions.Count,
            Percentile(resolutions, 0.5),
            Percentile(resolutions, 0.9),
            resolutions.Count == 0 ? null : Math.Round(resolutions.Average(), 3),
            bot.Count,
            contained,
            Share(contained, bot.Count),
            handedOff,
            Share(handedOff, bot.Count),
            episodes.Count(e => e.Handoff is { PossibleVictim: true }),
            episodes.Count(e => e.VictimHandled),
            ratings.Count,
            ratings.Count == 0 ? null : Math.Round(ratings.Average(), 4),
            Share(ratings.Count(r => r >= 4), ratings.Count),
            slaTargets,
            slaBreached,
            slaTargets == 0 ? null : Math.Round(1 - (double)slaBreached / slaTargets, 4));
    }

    /// <summary>The intent key of episodes with neither a bot intent nor a handoff.</summary>
    public const string NoIntent = "none";

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return Math.Round(sorted[Math.Clamp(rank, 1, sorted.Count) - 1], 3);
    }

    private static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static IReadOnlyDictionary<string, int> Count(IEnumerable<string> keys) =>
        new SortedDictionary<string, int>(keys.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);
}
