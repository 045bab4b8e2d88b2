using Inbox.Domain.Sla;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// A named schedule as the settings give it: its IANA time zone (null around the clock), per weekday (lower-case name)
/// its open intervals <c>HH:mm-HH:mm</c>, and its holidays.
/// </summary>
public sealed record SlaScheduleView(
    string Name,
    string? TimeZone,
    bool AroundTheClock,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Week,
    IReadOnlyList<DateOnly> Holidays)
{
    private static readonly DayOfWeek[] MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static SlaScheduleView From(string name, BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var week = MondayFirst.Where(day => hours.On(day).Count > 0)
            .ToDictionary(day => day.ToString().ToLowerInvariant(), day => (IReadOnlyList<string>)[.. hours.On(day).Select(i => i.ToString())]);
        return new SlaScheduleView(name, hours.IsAroundTheClock ? null : hours.TimeZone.Id, hours.IsAroundTheClock, week, [.. hours.Holidays.Order()]);
    }
}
