using System.Globalization;
using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// What <c>PUT /api/v1/sla/policies</c> takes: the whole set, in the shape <c>GET</c> answers (without <c>source</c>).
/// Every value is text, so that a wrong one is named in the answer as the settings' check names it.
/// </summary>
public sealed record SlaPoliciesBody(IReadOnlyList<SlaScheduleBody>? Schedules, IReadOnlyList<SlaPolicyBody>? Policies, string? OutOfHoursSchedule)
{
    /// <summary>The <see cref="SlaOptions"/> this body stands for, and what cannot be read at all (keyed as the settings' check keys them).</summary>
    public SlaOptions ToOptions(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var options = new SlaOptions { OutOfHoursSchedule = OutOfHoursSchedule };
        var schedules = Schedules ?? [];
        for (var i = 0; i < schedules.Count; i++)
        {
            var s = schedules[i];
            if (string.IsNullOrWhiteSpace(s?.Name))
            {
                problems.Add($"{SlaOptions.SectionName}:Schedules:{i}:Name must name the schedule.");
                continue;
            }

            var name = s.Name.Trim();
            var week = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (day, intervals) in s.Week ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                week[day] = [.. intervals ?? []];
            }

            var schedule = new SlaScheduleOptions { TimeZone = s.TimeZone, AroundTheClock = s.AroundTheClock, Week = week, Holidays = [.. s.Holidays ?? []] };
            if (!options.Schedules.TryAdd(name, schedule))
            {
                problems.Add($"{SlaOptions.SectionName}:Schedules:{name} repeats a schedule's name (names are matched ignoring case).");
            }
        }

        var policies = Policies ?? [];
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i] ?? new SlaPolicyBody(null, null, null, null, null);
            var key = $"{SlaOptions.SectionName}:Policies:{i}";
            ConversationPriority? priority = null;
            if (!string.IsNullOrWhiteSpace(p.Priority))
            {
                if (int.TryParse(p.Priority, out _) || !Enum.TryParse<ConversationPriority>(p.Priority.Trim(), ignoreCase: true, out var parsed))
                {
                    problems.Add($"{key}:Priority must be Normal, High or Urgent, or empty for any priority.");
                }
                else
                {
                    priority = parsed;
                }
            }

            options.Policies.Add(new SlaPolicyOptions
            {
                Team = p.Team,
                Priority = priority,
                FirstResponse = Duration(p.FirstResponse, $"{key}:FirstResponse", problems),
                Resolution = Duration(p.Resolution, $"{key}:Resolution", problems),
                Schedule = p.Schedule,
            });
        }

        return options;
    }

    private static TimeSpan Duration(string? text, string key, List<string> problems)
    {
        if (TimeSpan.TryParseExact(text?.Trim(), ["c", "g"], CultureInfo.InvariantCulture, out var duration))
        {
            return duration;
        }

        problems.Add($"{key} \"{text}\" must be a duration, hh:mm:ss or d.hh:mm:ss.");
        return TimeSpan.Zero; // reported above; the check then names nothing more for it
    }
}
