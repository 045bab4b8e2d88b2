using System.Globalization;
using Inbox.Domain.Sla;

namespace Inbox.Domain.Tests;

/// <summary>Schedules and instants the tests count by hand.</summary>
internal static class Schedules
{
    public static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Monday to Friday with the same intervals every day, in an IANA zone.</summary>
    public static BusinessHours OfficeDays(string zone, string[]? intervals = null, params string[] holidays) =>
        Week(zone, Weekdays.ToDictionary(d => d, _ => intervals ?? ["09:00-18:00"]), holidays);

    public static BusinessHours Week(string zone, Dictionary<DayOfWeek, string[]> days, params string[] holidays) =>
        BusinessHours.Weekly(
            TimeZoneInfo.FindSystemTimeZoneById(zone),
            days.ToDictionary(d => d.Key, d => (IReadOnlyList<OpeningInterval>)[.. d.Value.Select(Interval)]),
            holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)));

    public static OpeningInterval Interval(string text) => OpeningInterval.Parse(text) ?? throw new ArgumentException(text);

    /// <summary>An instant written with its offset, e.g. <c>2026-03-27T17:00+01:00</c>.</summary>
    public static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    public static TimeSpan H(double hours) => TimeSpan.FromHours(hours);
}
