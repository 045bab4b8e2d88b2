using System.Globalization;
using Inbox.Domain.Conversations;

namespace Inbox.Domain.Sla;

/// <summary>The schedules and SLA policies in force, and which policy covers a conversation.</summary>
public sealed class SlaCatalog
{
    private SlaCatalog(IReadOnlyDictionary<string, BusinessHours> schedules, IReadOnlyList<SlaPolicy> policies, string? outOfHoursSchedule = null)
    {
        Schedules = schedules;
        Policies = policies;
        OutOfHoursSchedule = outOfHoursSchedule;
    }

    /// <summary>No policies: no conversation has an SLA.</summary>
    public static SlaCatalog Empty { get; } = new(new Dictionary<string, BusinessHours>(), []);

    public IReadOnlyDictionary<string, BusinessHours> Schedules { get; }

    public IReadOnlyList<SlaPolicy> Policies { get; }

    /// <summary>The schedule of the out-of-hours answer when no policy with a schedule covers a conversation; null: none.</summary>
    public string? OutOfHoursSchedule { get; }

    /// <summary>
    /// The schedule whose closed hours bring the out-of-hours answer: the policy's schedule when it names one; none
    /// under a policy around the clock (its targets run all the time); <see cref="OutOfHoursSchedule"/> without a policy.
    /// </summary>
    public BusinessHours? OutOfHoursFor(SlaPolicy? policy)
    {
        var hours = policy is not null ? policy.Hours : OutOfHoursSchedule is { } name ? Schedules.GetValueOrDefault(name) : null;
        return hours is { IsAroundTheClock: false } ? hours : null; // around the clock is never closed
    }

    /// <summary>
    /// The policy for a team and priority, the most specific first: this team and priority, this team and any priority,
    /// any team and this priority, then the default (any team, any priority). Null when none covers it: no SLA.
    /// </summary>
    public SlaPolicy? Find(string? team, ConversationPriority priority)
    {
        var name = string.IsNullOrWhiteSpace(team) ? null : team.Trim();
        return Match(name, priority) ?? Match(name, null) ?? Match(null, priority) ?? Match(null, null);
    }

    private SlaPolicy? Match(string? team, ConversationPriority? priority) =>
        Policies.FirstOrDefault(p => string.Equals(p.Team, team, StringComparison.OrdinalIgnoreCase) && p.Priority == priority);

    /// <summary>
    /// Reads the <c>Sla</c> section: null with <paramref name="problems"/> (each naming its key) when anything is wrong.
    /// </summary>
    public static SlaCatalog? Read(SlaOptions options, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Policies ??= [];
        var found = new List<string>();
        if (options.Schedules?.Comparer != StringComparer.OrdinalIgnoreCase)
        {
            // Written through the API (JSON) rather than bound from the settings: names are matched ignoring case here too.
            var named = new Dictionary<string, SlaScheduleOptions>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, schedule) in options.Schedules ?? [])
            {
                if (!named.TryAdd(name, schedule))
                {
                    found.Add($"{SlaOptions.SectionName}:Schedules:{name} repeats a schedule's name (names are matched ignoring case).");
                }
            }

            options.Schedules = named;
        }

        var schedules = new Dictionary<string, BusinessHours>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, schedule) in options.Schedules)
        {
            if (ReadSchedule($"{SlaOptions.SectionName}:Schedules:{name}", schedule, found) is { } hours)
            {
                schedules[name] = hours;
            }
        }

        var policies = new List<SlaPolicy>();
        for (var index = 0; index < options.Policies.Count; index++)
        {
            if (ReadPolicy($"{SlaOptions.SectionName}:Policies:{index}", options.Policies[index], options.Schedules, schedules, policies, found) is { } policy)
            {
                policies.Add(policy);
            }
        }

        var outOfHours = string.IsNullOrWhiteSpace(options.OutOfHoursSchedule) ? null : options.OutOfHoursSchedule.Trim();
        if (outOfHours is not null && !options.Schedules.ContainsKey(outOfHours))
        {
            found.Add($"{SlaOptions.SectionName}:OutOfHoursSchedule \"{outOfHours}\" is not one of {SlaOptions.SectionName}:Schedules ({Names(options.Schedules)}).");
        }

        if (options.CheckInterval <= TimeSpan.Zero || options.CheckInterval > TimeSpan.FromMinutes(1))
        {
            found.Add($"{SlaOptions.SectionName}:CheckInterval must be more than zero and at most 00:01:00.");
        }

        problems = found;
        return found.Count == 0 ? new SlaCatalog(schedules, policies, outOfHours) : null;
    }

    private static BusinessHours? ReadSchedule(string key, SlaScheduleOptions schedule, List<string> problems)
    {
        var before = problems.Count;
        TimeZoneInfo? zone = null;
        if (!string.IsNullOrWhiteSpace(schedule.TimeZone))
        {
            zone = FindTimeZone(schedule.TimeZone.Trim());
            if (zone is null)
            {
                problems.Add($"{key}:TimeZone \"{schedule.TimeZone}\" is not a known IANA time zone id (for example Europe/Moscow).");
            }
        }
        else if (!schedule.AroundTheClock)
        {
            problems.Add($"{key}:TimeZone must name the schedule's IANA time zone (for example Europe/Moscow).");
        }

        if (schedule.AroundTheClock)
        {
            if (schedule.Week.Count > 0 || schedule.Holidays.Count > 0)
            {
                problems.Add($"{key}: a schedule around the clock has no Week and no Holidays.");
            }

            return problems.Count == before ? BusinessHours.AroundTheClock : null;
        }

        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var (dayName, texts) in schedule.Week)
        {
            if (int.TryParse(dayName, out _) || !Enum.TryParse<DayOfWeek>(dayName, ignoreCase: true, out var day))
            {
                problems.Add($"{key}:Week:{dayName} is not a weekday (Monday … Sunday).");
                continue;
            }

            var intervals = new List<OpeningInterval>();
            for (var k = 0; k < texts.Count; k++)
            {
                if (OpeningInterval.Parse(texts[k]) is { } interval)
                {
                    intervals.Add(interval);
                }
                else
                {
                    problems.Add($"{key}:Week:{dayName}:{k} \"{texts[k]}\" must be HH:mm-HH:mm, opening before closing within the day (24:00 for midnight; split a night shift at midnight).");
                }
            }

            week[day] = intervals;
        }

        var holidays = new List<DateOnly>();
        for (var k = 0; k < schedule.Holidays.Count; k++)
        {
            if (DateOnly.TryParseExact(schedule.Holidays[k], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                holidays.Add(date);
            }
            else
            {
                problems.Add($"{key}:Holidays:{k} \"{schedule.Holidays[k]}\" must be a date, yyyy-MM-dd.");
            }
        }

        if (problems.Count == before)
        {
            problems.AddRange(BusinessHours.Problems(week).Select(p => $"{key}:Week: {p}"));
        }

        return problems.Count == before && zone is not null ? BusinessHours.Weekly(zone, week, holidays) : null;
    }

    private static SlaPolicy? ReadPolicy(
        string key,
        SlaPolicyOptions policy,
        IReadOnlyDictionary<string, SlaScheduleOptions> named,
        IReadOnlyDictionary<string, BusinessHours> schedules,
        IReadOnlyList<SlaPolicy> earlier,
        List<string> problems)
    {
        var before = problems.Count;
        if (policy.FirstResponse <= TimeSpan.Zero)
        {
            problems.Add($"{key}:FirstResponse must be a positive duration (for example 00:30:00).");
        }

        if (policy.Resolution <= TimeSpan.Zero)
        {
            problems.Add($"{key}:Resolution must be a positive duration (for example 1.00:00:00).");
        }

        if (policy.Priority is { } priority && !Enum.IsDefined(priority))
        {
            problems.Add($"{key}:Priority must be Normal, High or Urgent, or empty for any priority.");
        }

        var scheduleName = string.IsNullOrWhiteSpace(policy.Schedule) ? null : policy.Schedule.Trim();
        if (scheduleName is not null && !named.ContainsKey(scheduleName))
        {
            problems.Add($"{key}:Schedule \"{scheduleName}\" is not one of {SlaOptions.SectionName}:Schedules ({Names(named)}).");
        }

        var team = string.IsNullOrWhiteSpace(policy.Team) ? null : policy.Team.Trim();
        if (earlier.Any(p => string.Equals(p.Team, team, StringComparison.OrdinalIgnoreCase) && p.Priority == policy.Priority))
        {
            problems.Add($"{key} repeats the policy for team {team ?? "(any)"} and priority {policy.Priority?.ToString() ?? "(any)"}.");
        }

        if (problems.Count > before)
        {
            return null;
        }

        // A known schedule that was refused has reported its own problem: no policy then, and Read fails anyway.
        var hours = scheduleName is null ? BusinessHours.AroundTheClock : schedules.GetValueOrDefault(scheduleName);
        return hours is null ? null : new SlaPolicy(team, policy.Priority, policy.FirstResponse, policy.Resolution, scheduleName, hours);
    }

    private static string Names(IReadOnlyDictionary<string, SlaScheduleOptions> named) =>
        named.Count == 0 ? "none defined" : string.Join(", ", named.Keys.Order(StringComparer.OrdinalIgnoreCase));

    private static TimeZoneInfo? FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
