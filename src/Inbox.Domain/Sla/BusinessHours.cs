namespace Inbox.Domain.Sla;

/// <summary>
/// When operators work: a weekly schedule of open intervals in local time in <see cref="TimeZone"/>, less
/// <see cref="Holidays"/> (local dates closed all day); or around the clock. Pure: no clock, no Orleans, no web.
/// </summary>
/// <remarks>
/// Local times become instants in <see cref="TimeZone"/>, so a working day keeps its wall-clock hours across a clock
/// change (09:00-18:00 is 9 hours on the Monday after it too), and a night interval on the day of a change is an hour
/// shorter or longer. A local time skipped by a change (02:30 on the spring change in Berlin) means the first instant after
/// the gap (03:00); a local time that occurs twice (02:30 on the autumn change) means its first occurrence.
/// </remarks>
public sealed class BusinessHours
{
    private static readonly IReadOnlyList<OpeningInterval> Closed = [];

    private readonly Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> week;
    private readonly HashSet<DateOnly> holidays;

    private BusinessHours(TimeZoneInfo timeZone, Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> week, HashSet<DateOnly> holidays, bool aroundTheClock)
    {
        TimeZone = timeZone;
        this.week = week;
        this.holidays = holidays;
        IsAroundTheClock = aroundTheClock;
    }

    /// <summary>Open all the time: business time is elapsed time.</summary>
    public static BusinessHours AroundTheClock { get; } = new(TimeZoneInfo.Utc, [], [], true);

    public TimeZoneInfo TimeZone { get; }

    public bool IsAroundTheClock { get; }

    public IReadOnlySet<DateOnly> Holidays => holidays;

    /// <summary>A weekday's open intervals, in order (none on a day off).</summary>
    public IReadOnlyList<OpeningInterval> On(DayOfWeek day) => week.GetValueOrDefault(day, Closed);

    /// <summary>A weekly schedule; throws <see cref="ArgumentException"/> with <see cref="Problems"/> when it has any.</summary>
    public static BusinessHours Weekly(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> week, IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(week);
        var problems = Problems(week);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(week));
        }

        var sorted = week.Where(d => d.Value.Count > 0).ToDictionary(d => d.Key, d => (IReadOnlyList<OpeningInterval>)[.. d.Value.OrderBy(i => i.Opens)]);
        return new BusinessHours(timeZone, sorted, [.. holidays ?? []], false);
    }

    /// <summary>What is wrong with a week: intervals that overlap, run backwards or span midnight, or no open time at all.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> week)
    {
        ArgumentNullException.ThrowIfNull(week);
        var problems = new List<string>();
        foreach (var (day, intervals) in week.OrderBy(d => ((int)d.Key + 6) % 7))
        {
            var ordered = intervals.OrderBy(i => i.Opens).ToList();
            problems.AddRange(ordered.Where(i => i.Length <= TimeSpan.Zero)
                .Select(i => $"{day}: {i} must close after it opens (an interval never spans midnight: split it at 24:00)."));
            for (var k = 1; k < ordered.Count; k++)
            {
                if (ordered[k - 1].UntilMidnight || ordered[k - 1].Closes > ordered[k].Opens)
                {
                    problems.Add($"{day}: {ordered[k - 1]} overlaps {ordered[k]}.");
                }
            }
        }

        if (!week.Values.Any(intervals => intervals.Any(i => i.Length > TimeSpan.Zero)))
        {
            problems.Add("The week has no open interval; say around the clock, or give at least one day its hours.");
        }

        return problems;
    }

    public bool IsOpen(DateTimeOffset at) => IsAroundTheClock || OpenPeriodsFrom(at).First().Start == at;

    /// <summary>When operators are back: <paramref name="at"/> itself while open, otherwise the next opening.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset at) => IsAroundTheClock ? at : OpenPeriodsFrom(at).First().Start;

    /// <summary>Open time between two instants (zero when <paramref name="end"/> is not after <paramref name="start"/>).</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        if (IsAroundTheClock)
        {
            return end - start;
        }

        var total = TimeSpan.Zero;
        foreach (var period in OpenPeriodsFrom(start))
        {
            if (period.Start >= end)
            {
                break;
            }

            total += (period.End < end ? period.End : end) - period.Start;
        }

        return total;
    }

    /// <summary>
    /// The instant at which <paramref name="duration"/> of open time has passed since <paramref name="start"/>: always inside an
    /// open period, or at its close. A zero duration gives <paramref name="start"/>.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero || IsAroundTheClock)
        {
            return start + duration;
        }

        var remaining = duration;
        foreach (var period in OpenPeriodsFrom(start))
        {
            if (remaining <= period.Length)
            {
                return period.Start + remaining;
            }

            remaining -= period.Length;
        }

        throw new InvalidOperationException("Unreachable: open periods never end.");
    }

    /// <summary>
    /// The open periods from <paramref name="from"/> on, in order, the first cut to start no earlier than it; endless
    /// (around the clock: one period to the end of time). Periods of adjacent intervals (22:00-24:00, then 00:00-06:00) touch.
    /// </summary>
    public IEnumerable<OpenPeriod> OpenPeriodsFrom(DateTimeOffset from)
    {
        if (IsAroundTheClock)
        {
            yield return new OpenPeriod(from, DateTimeOffset.MaxValue);
            yield break;
        }

        // Every 7 days hold an open weekday unless a holiday or a clock change takes it: a search this long finds one.
        var patience = (holidays.Count + 2) * 7;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, TimeZone).DateTime).AddDays(-1);
        var lastFound = date;
        while (true)
        {
            if (!holidays.Contains(date))
            {
                foreach (var interval in On(date.DayOfWeek))
                {
                    var start = ToInstant(date, interval.Opens);
                    var end = interval.UntilMidnight ? ToInstant(date.AddDays(1), TimeOnly.MinValue) : ToInstant(date, interval.Closes);
                    if (end <= from || end <= start)
                    {
                        continue;
                    }

                    lastFound = date;
                    yield return new OpenPeriod(start < from ? from : start, end);
                }
            }

            if (date.DayNumber - lastFound.DayNumber > patience)
            {
                throw new InvalidOperationException($"No open time within {patience} days after {from:O}.");
            }

            date = date.AddDays(1);
        }
    }

    /// <summary>The instant a local date and time mean in <see cref="TimeZone"/> (see the remarks on clock changes).</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        // Skipped by a clock change: the first minute after the gap.
        for (var guard = 0; TimeZone.IsInvalidTime(local) && guard < 24 * 60; guard++)
        {
            local = local.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(local) ? TimeZone.GetAmbiguousTimeOffsets(local).Max() : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
