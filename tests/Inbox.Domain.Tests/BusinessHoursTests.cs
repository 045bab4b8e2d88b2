using Inbox.Domain.Sla;
using static Inbox.Domain.Tests.Schedules;

namespace Inbox.Domain.Tests;

/// <summary>
/// Business hours, every expectation counted by hand. Moscow is UTC+3 all year; Berlin is UTC+1, and UTC+2 from
/// 2026-03-29 01:00 UTC (02:00 local becomes 03:00) to 2026-10-25 01:00 UTC (03:00 local becomes 02:00 again).
/// 2026-03-25 is a Wednesday, 2026-03-27 and 2026-05-08 Fridays, 2026-03-29 and 2026-10-25 Sundays.
/// </summary>
public sealed class BusinessHoursTests
{
    private static readonly BusinessHours Moscow = OfficeDays("Europe/Moscow");
    private static readonly BusinessHours Berlin = OfficeDays("Europe/Berlin");

    [Theory]
    [InlineData("2026-03-25T09:00+03:00", true)] // opening included
    [InlineData("2026-03-25T08:59:59+03:00", false)]
    [InlineData("2026-03-25T17:59:59+03:00", true)]
    [InlineData("2026-03-25T18:00+03:00", false)] // closing excluded
    [InlineData("2026-03-25T06:00Z", true)] // 09:00 in Moscow, written in UTC
    [InlineData("2026-03-28T12:00+03:00", false)] // Saturday
    [InlineData("2026-03-29T12:00+03:00", false)] // Sunday
    public void Is_open_on_weekdays_in_office_hours_of_its_zone(string at, bool open) => Assert.Equal(open, Moscow.IsOpen(At(at)));

    [Theory]
    [InlineData("2026-03-25T12:00+03:00", "2026-03-25T12:00+03:00")] // open now
    [InlineData("2026-03-25T07:00+03:00", "2026-03-25T09:00+03:00")] // before opening
    [InlineData("2026-03-25T18:00+03:00", "2026-03-26T09:00+03:00")] // at closing: tomorrow
    [InlineData("2026-03-27T19:00+03:00", "2026-03-30T09:00+03:00")] // Friday evening: Monday
    [InlineData("2026-03-28T12:00+03:00", "2026-03-30T09:00+03:00")] // Saturday: Monday
    [InlineData("2026-03-27T23:30Z", "2026-03-30T09:00+03:00")] // Saturday 02:30 in Moscow while still Friday in UTC
    public void Next_opening_is_when_operators_are_back(string at, string expected) => Assert.Equal(At(expected), Moscow.NextOpening(At(at)));

    [Theory]
    [InlineData("2026-03-25T17:30+03:00", "2026-03-26T09:30+03:00", 1)] // 30 min tonight, 30 min tomorrow
    [InlineData("2026-03-27T12:00+03:00", "2026-03-30T12:00+03:00", 9)] // 6 h on Friday, the weekend, 3 h on Monday
    [InlineData("2026-03-23T00:00+03:00", "2026-03-30T00:00+03:00", 45)] // a whole week: 5 x 9 h
    [InlineData("2026-03-28T10:00+03:00", "2026-03-29T20:00+03:00", 0)] // the weekend
    [InlineData("2026-03-25T12:00+03:00", "2026-03-25T11:00+03:00", 0)] // end before start
    public void Business_time_between_counts_only_open_time(string start, string end, double hours) =>
        Assert.Equal(H(hours), Moscow.BusinessTimeBetween(At(start), At(end)));

    [Theory]
    [InlineData("2026-03-25T17:30+03:00", 1, "2026-03-26T09:30+03:00")]
    [InlineData("2026-03-25T10:00+03:00", 8, "2026-03-25T18:00+03:00")] // reached at the close itself
    [InlineData("2026-03-25T10:00+03:00", 9, "2026-03-26T10:00+03:00")]
    [InlineData("2026-03-27T17:00+03:00", 2, "2026-03-30T10:00+03:00")] // over the weekend
    [InlineData("2026-03-28T10:00+03:00", 0.5, "2026-03-30T09:30+03:00")] // starting on Saturday: counts from Monday
    [InlineData("2026-03-23T09:00+03:00", 45, "2026-03-27T18:00+03:00")] // a whole working week
    [InlineData("2026-03-28T10:00+03:00", 0, "2026-03-28T10:00+03:00")] // nothing to add
    public void Add_business_time_gives_the_instant_a_target_is_reached(string start, double hours, string expected) =>
        Assert.Equal(At(expected), Moscow.AddBusinessTime(At(start), H(hours)));

    [Fact]
    public void A_negative_duration_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Moscow.AddBusinessTime(At("2026-03-25T12:00+03:00"), H(-1)));

    [Fact]
    public void A_holiday_is_closed_all_day()
    {
        // 2026-05-11 (Monday) is a holiday: Friday evening's clock goes on on Tuesday.
        var hours = OfficeDays("Europe/Moscow", null, "2026-05-11");
        Assert.False(hours.IsOpen(At("2026-05-11T12:00+03:00")));
        Assert.True(hours.IsOpen(At("2026-05-12T09:00+03:00")));
        Assert.Equal(At("2026-05-12T09:00+03:00"), hours.NextOpening(At("2026-05-08T18:00+03:00")));
        Assert.Equal(At("2026-05-12T10:00+03:00"), hours.AddBusinessTime(At("2026-05-08T17:00+03:00"), H(2)));
        Assert.Equal(H(1 + 3), hours.BusinessTimeBetween(At("2026-05-08T17:00+03:00"), At("2026-05-12T12:00+03:00")));
    }

    [Fact]
    public void New_year_holidays_close_a_whole_week()
    {
        // 2027-01-01 is a Friday; 1 to 8 January are holidays; Monday 11 January is the first working day.
        var hours = OfficeDays("Europe/Moscow", null, "2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08");
        Assert.Equal(At("2027-01-11T09:00+03:00"), hours.NextOpening(At("2026-12-31T18:00+03:00")));
        Assert.Equal(At("2027-01-11T09:30+03:00"), hours.AddBusinessTime(At("2026-12-31T17:30+03:00"), H(1)));
    }

    [Fact]
    public void Many_holidays_in_a_row_are_searched_past()
    {
        // Open on Mondays only, and the next twelve Mondays are holidays: operators are back on the thirteenth, 2026-06-22.
        var mondays = Enumerable.Range(0, 12).Select(k => new DateOnly(2026, 3, 30).AddDays(7 * k).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var hours = Week("Europe/Moscow", new() { [DayOfWeek.Monday] = ["09:00-18:00"] }, [.. mondays]);
        Assert.Equal(At("2026-06-22T09:00+03:00"), hours.NextOpening(At("2026-03-27T12:00+03:00")));
        Assert.Equal(At("2026-06-29T10:00+03:00"), hours.AddBusinessTime(At("2026-03-27T12:00+03:00"), H(10)));
    }

    [Fact]
    public void A_holiday_is_a_local_date()
    {
        // 2026-05-11 00:30 in Moscow is still 10 May in UTC: closed, it is the holiday there.
        var hours = Week("Europe/Moscow", new() { [DayOfWeek.Monday] = ["00:00-24:00"] }, "2026-05-11");
        Assert.False(hours.IsOpen(At("2026-05-10T21:30Z")));
        Assert.Equal(At("2026-05-18T00:00+03:00"), hours.NextOpening(At("2026-05-10T21:30Z")));
    }

    [Fact]
    public void A_working_day_keeps_its_wall_clock_hours_across_the_spring_change()
    {
        // Friday 17:00 CET (UTC+1) plus 2 h: 1 h on Friday, the weekend (the clocks go forward on Sunday), 1 h on Monday: 10:00 CEST.
        Assert.Equal(At("2026-03-30T10:00+02:00"), Berlin.AddBusinessTime(At("2026-03-27T17:00+01:00"), H(2)));
        Assert.Equal(At("2026-03-30T08:00Z"), Berlin.AddBusinessTime(At("2026-03-27T16:00Z"), H(2)));
        // From Friday 12:00 UTC (13:00 CET) to Monday 12:00 UTC (14:00 CEST): 5 h + 5 h.
        Assert.Equal(H(10), Berlin.BusinessTimeBetween(At("2026-03-27T12:00Z"), At("2026-03-30T12:00Z")));
        // Monday opens at 09:00 CEST = 07:00 UTC, an hour earlier in UTC than on Friday (08:00 UTC).
        Assert.False(Berlin.IsOpen(At("2026-03-30T06:59Z")));
        Assert.True(Berlin.IsOpen(At("2026-03-30T07:00Z")));
        Assert.Equal(At("2026-03-27T08:00Z"), Berlin.NextOpening(At("2026-03-27T05:00Z")));
        Assert.Equal(At("2026-03-30T07:00Z"), Berlin.NextOpening(At("2026-03-27T17:00Z")));
    }

    [Fact]
    public void A_working_day_keeps_its_wall_clock_hours_across_the_autumn_change()
    {
        // Friday 17:00 CEST plus 2 h: Monday 10:00 CET (UTC+1) = 09:00 UTC.
        Assert.Equal(At("2026-10-26T10:00+01:00"), Berlin.AddBusinessTime(At("2026-10-23T17:00+02:00"), H(2)));
        Assert.Equal(H(45), Berlin.BusinessTimeBetween(At("2026-10-19T00:00+02:00"), At("2026-10-26T00:00+01:00")));
        Assert.Equal(H(45), Berlin.BusinessTimeBetween(At("2026-03-23T00:00+01:00"), At("2026-03-30T00:00+02:00")));
    }

    [Fact]
    public void A_night_on_the_day_of_a_change_is_an_hour_shorter_or_longer()
    {
        var sundayNights = Week("Europe/Berlin", new() { [DayOfWeek.Sunday] = ["00:00-06:00"] });
        // An ordinary Sunday: 6 h.
        Assert.Equal(H(6), sundayNights.BusinessTimeBetween(At("2026-03-21T00:00Z"), At("2026-03-23T00:00Z")));
        // Spring: 00:00 CET (23:00 UTC Saturday) to 06:00 CEST (04:00 UTC): 5 h.
        Assert.Equal(H(5), sundayNights.BusinessTimeBetween(At("2026-03-28T00:00Z"), At("2026-03-30T00:00Z")));
        Assert.Equal(At("2026-03-29T04:00+02:00"), sundayNights.AddBusinessTime(At("2026-03-28T12:00Z"), H(3)));
        // Autumn: 00:00 CEST (22:00 UTC Saturday) to 06:00 CET (05:00 UTC): 7 h.
        Assert.Equal(H(7), sundayNights.BusinessTimeBetween(At("2026-10-24T00:00Z"), At("2026-10-26T00:00Z")));
    }

    [Fact]
    public void Local_times_a_change_skips_or_repeats_are_read_as_documented()
    {
        var sundayTwoToThree = Week("Europe/Berlin", new() { [DayOfWeek.Sunday] = ["02:00-03:00"] });
        // Spring: 02:00 and 03:00 are the same instant (02:00 is skipped: the first instant after the gap): no open time.
        Assert.Equal(TimeSpan.Zero, sundayTwoToThree.BusinessTimeBetween(At("2026-03-28T00:00Z"), At("2026-03-30T00:00Z")));
        Assert.Equal(At("2026-04-05T02:00+02:00"), sundayTwoToThree.NextOpening(At("2026-03-28T12:00Z")));
        // Autumn: 02:00 is its first occurrence (CEST, 00:00 UTC), 03:00 happens once (CET, 02:00 UTC): 2 h.
        Assert.Equal(H(2), sundayTwoToThree.BusinessTimeBetween(At("2026-10-24T00:00Z"), At("2026-10-26T00:00Z")));
        Assert.True(sundayTwoToThree.IsOpen(At("2026-10-25T01:30Z")));
        Assert.Equal(At("2026-10-25T00:00Z"), sundayTwoToThree.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(2, 0)));
        Assert.Equal(At("2026-03-29T01:00Z"), sundayTwoToThree.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30)));
    }

    [Fact]
    public void A_night_shift_is_two_intervals_that_touch_at_midnight()
    {
        // Monday 22:00-24:00 and Tuesday 00:00-06:00 (2026-03-23 is a Monday).
        var nights = Week("Europe/Moscow", new() { [DayOfWeek.Monday] = ["22:00-24:00"], [DayOfWeek.Tuesday] = ["00:00-06:00"] });
        Assert.True(nights.IsOpen(At("2026-03-23T23:59+03:00")));
        Assert.True(nights.IsOpen(At("2026-03-24T00:00+03:00")));
        Assert.False(nights.IsOpen(At("2026-03-24T06:00+03:00")));
        Assert.Equal(H(8), nights.BusinessTimeBetween(At("2026-03-23T21:00+03:00"), At("2026-03-24T07:00+03:00")));
        Assert.Equal(At("2026-03-24T02:00+03:00"), nights.AddBusinessTime(At("2026-03-23T23:00+03:00"), H(3)));
        Assert.Equal(At("2026-03-30T22:00+03:00"), nights.NextOpening(At("2026-03-24T06:00+03:00")));
    }

    [Fact]
    public void A_day_may_have_a_lunch_break()
    {
        var hours = OfficeDays("Europe/Moscow", ["14:00-18:00", "09:00-13:00"]);
        Assert.False(hours.IsOpen(At("2026-03-25T13:30+03:00")));
        Assert.Equal(At("2026-03-25T14:00+03:00"), hours.NextOpening(At("2026-03-25T13:00+03:00")));
        Assert.Equal(At("2026-03-25T15:00+03:00"), hours.AddBusinessTime(At("2026-03-25T12:00+03:00"), H(2)));
        Assert.Equal(H(8), hours.BusinessTimeBetween(At("2026-03-25T00:00+03:00"), At("2026-03-26T00:00+03:00")));
    }

    [Fact]
    public void Around_the_clock_business_time_is_elapsed_time()
    {
        var always = BusinessHours.AroundTheClock;
        var saturdayNight = At("2026-03-28T23:00+01:00");
        Assert.True(always.IsOpen(saturdayNight));
        Assert.Equal(saturdayNight, always.NextOpening(saturdayNight));
        Assert.Equal(H(25), always.BusinessTimeBetween(saturdayNight, saturdayNight.AddHours(25)));
        Assert.Equal(saturdayNight.AddHours(30), always.AddBusinessTime(saturdayNight, H(30)));
    }

    [Theory]
    [InlineData("2026-03-27T10:00+01:00", 3)]
    [InlineData("2026-03-27T17:59+01:00", 0.25)]
    [InlineData("2026-03-28T03:00+01:00", 20)]
    [InlineData("2026-10-23T15:00+02:00", 47.5)]
    [InlineData("2026-10-24T02:30+02:00", 1000)]
    public void Adding_then_measuring_gives_the_duration_back(string start, double hours)
    {
        var from = At(start);
        var reached = Berlin.AddBusinessTime(from, H(hours));
        Assert.Equal(H(hours), Berlin.BusinessTimeBetween(from, reached));
        Assert.True(Berlin.IsOpen(reached.AddTicks(-1)));
    }

    [Theory]
    [InlineData("09:00-18:00", "09:00", "18:00")]
    [InlineData("22:00-24:00", "22:00", "00:00")]
    [InlineData(" 00:00 - 06:30 ", "00:00", "06:30")]
    public void An_interval_is_read_from_text(string text, string opens, string closes)
    {
        var interval = OpeningInterval.Parse(text);
        Assert.NotNull(interval);
        Assert.Equal(TimeOnly.Parse(opens, System.Globalization.CultureInfo.InvariantCulture), interval.Opens);
        Assert.Equal(TimeOnly.Parse(closes, System.Globalization.CultureInfo.InvariantCulture), interval.Closes);
    }

    [Theory]
    [InlineData("22:00-06:00")] // spans midnight: two intervals instead
    [InlineData("09:00-09:00")]
    [InlineData("18:00-09:00")]
    [InlineData("9-18")]
    [InlineData("24:00-24:00")]
    [InlineData("09:00")]
    [InlineData("")]
    [InlineData(null)]
    public void A_malformed_or_backward_interval_is_refused(string? text) => Assert.Null(OpeningInterval.Parse(text));

    [Fact]
    public void Overlapping_intervals_and_an_empty_week_are_refused()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
        var overlapping = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>
        {
            [DayOfWeek.Tuesday] = [Interval("09:00-13:00"), Interval("12:00-18:00")],
            [DayOfWeek.Wednesday] = [Interval("20:00-24:00"), Interval("23:00-23:30")],
        };
        var problems = BusinessHours.Problems(overlapping);
        Assert.Equal(["Tuesday: 09:00-13:00 overlaps 12:00-18:00.", "Wednesday: 20:00-24:00 overlaps 23:00-23:30."], problems);
        Assert.Throws<ArgumentException>(() => BusinessHours.Weekly(zone, overlapping));

        var empty = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>> { [DayOfWeek.Monday] = [] };
        Assert.Contains("no open interval", Assert.Single(BusinessHours.Problems(empty)));
        Assert.Throws<ArgumentException>(() => BusinessHours.Weekly(zone, empty));
    }
}
