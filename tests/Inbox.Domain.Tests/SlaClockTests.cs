using Inbox.Domain.Conversations;
using Inbox.Domain.Sla;
using static Inbox.Domain.Tests.Schedules;

namespace Inbox.Domain.Tests;

/// <summary>SLA clocks counted by hand; they run only while the schedule is open.</summary>
public sealed class SlaClockTests
{
    [Fact]
    public void A_conversation_on_Friday_evening_before_a_holiday_Monday_waits_until_Tuesday()
    {
        // Moscow, Monday to Friday 09:00-18:00, Monday 2026-05-11 a holiday. A customer writes on Friday 2026-05-08 at
        // 17:00; the promise is a first response within 2 business hours and a resolution within 8.
        var hours = OfficeDays("Europe/Moscow", null, "2026-05-11");
        var policy = new SlaPolicy(null, ConversationPriority.Normal, H(2), H(8), "office", hours);
        var clocks = policy.Start(At("2026-05-08T17:00+03:00"));

        // First response: 1 h on Friday, the weekend and the holiday pause, 1 h on Tuesday: Tuesday 10:00.
        // 80% is 1 h 36 min: 1 h on Friday and 36 min on Tuesday: 09:36.
        Assert.Equal(At("2026-05-12T10:00+03:00"), clocks.FirstResponse.DueAt);
        Assert.Equal(At("2026-05-12T09:36+03:00"), clocks.FirstResponse.WarningAt);
        // Resolution: 1 h on Friday and 7 h on Tuesday: 16:00; 80% is 6 h 24 min: Tuesday 14:24.
        Assert.Equal(At("2026-05-12T16:00+03:00"), clocks.Resolution.DueAt);
        Assert.Equal(At("2026-05-12T14:24+03:00"), clocks.Resolution.WarningAt);

        // Paused over the weekend and the holiday: still 1 h used, ok.
        Assert.Equal(H(1), clocks.FirstResponse.ElapsedAt(At("2026-05-11T15:00+03:00")));
        Assert.Equal(SlaState.Ok, clocks.FirstResponse.StateAt(At("2026-05-11T15:00+03:00")));
        Assert.Equal(SlaState.Ok, clocks.FirstResponse.StateAt(At("2026-05-12T09:35+03:00")));
        Assert.Equal(SlaState.AtRisk, clocks.FirstResponse.StateAt(At("2026-05-12T09:36+03:00")));
        Assert.Equal(SlaState.Breached, clocks.FirstResponse.StateAt(At("2026-05-12T10:00+03:00")));
        Assert.Equal(H(1), clocks.FirstResponse.RemainingAt(At("2026-05-09T12:00+03:00")));
        Assert.Equal(-H(0.5), clocks.FirstResponse.RemainingAt(At("2026-05-12T10:30+03:00")));
        Assert.Equal(SlaState.AtRisk, clocks.Resolution.StateAt(At("2026-05-12T15:00+03:00")));
        Assert.Equal(SlaState.Breached, clocks.StateAt(At("2026-05-12T10:00+03:00")));
    }

    [Fact]
    public void A_stopped_clock_keeps_the_state_it_stopped_in()
    {
        var hours = OfficeDays("Europe/Moscow");
        // Saturday 10:00: the clock starts on Monday 09:00; one hour to answer: due Monday 10:00, at risk from 09:48.
        var clock = new SlaClock(At("2026-03-28T10:00+03:00"), H(1), hours);
        Assert.Equal(At("2026-03-30T10:00+03:00"), clock.DueAt);
        Assert.Equal(At("2026-03-30T09:48+03:00"), clock.WarningAt);
        Assert.Equal(SlaState.Ok, clock.StateAt(At("2026-03-29T23:00+03:00")));

        var later = At("2026-03-31T12:00+03:00");
        Assert.Equal(SlaState.Ok, clock.StateAt(later, stoppedAt: At("2026-03-30T09:30+03:00")));
        Assert.Equal(SlaState.AtRisk, clock.StateAt(later, stoppedAt: At("2026-03-30T09:50+03:00")));
        Assert.Equal(SlaState.AtRisk, clock.StateAt(later, stoppedAt: At("2026-03-30T10:00+03:00"))); // answered at the due instant: met
        Assert.Equal(SlaState.Breached, clock.StateAt(later, stoppedAt: At("2026-03-30T10:01+03:00")));
        // A stop after the instant asked about does not count yet.
        Assert.Equal(SlaState.Ok, clock.StateAt(At("2026-03-30T09:00+03:00"), stoppedAt: At("2026-03-30T10:01+03:00")));
    }

    [Fact]
    public void Around_the_clock_a_clock_never_pauses()
    {
        var policy = new SlaPolicy(null, ConversationPriority.Urgent, TimeSpan.FromMinutes(30), H(4), null, BusinessHours.AroundTheClock);
        var clocks = policy.Start(At("2026-03-28T23:00+03:00"));
        Assert.Equal(At("2026-03-28T23:30+03:00"), clocks.FirstResponse.DueAt);
        Assert.Equal(At("2026-03-28T23:24+03:00"), clocks.FirstResponse.WarningAt);
        Assert.Equal(At("2026-03-29T03:00+03:00"), clocks.Resolution.DueAt);
        Assert.Equal(At("2026-03-29T02:12+03:00"), clocks.Resolution.WarningAt);
    }

    [Fact]
    public void The_worse_clock_gives_the_conversation_its_state()
    {
        var policy = new SlaPolicy(null, null, H(1), H(3), null, BusinessHours.AroundTheClock);
        var clocks = policy.Start(At("2026-03-25T09:00Z"));
        var answered = At("2026-03-25T09:10Z");
        Assert.Equal(SlaState.Ok, clocks.StateAt(At("2026-03-25T11:00Z"), answered));
        Assert.Equal(SlaState.AtRisk, clocks.StateAt(At("2026-03-25T11:30Z"), answered));
        Assert.Equal(SlaState.Breached, clocks.StateAt(At("2026-03-25T12:00Z"), answered));
        Assert.Equal(SlaState.Ok, clocks.StateAt(At("2026-03-25T13:00Z"), answered, resolvedAt: At("2026-03-25T10:00Z")));
        Assert.Equal(SlaState.Breached, clocks.StateAt(At("2026-03-25T13:00Z"), firstResponseAt: null, resolvedAt: At("2026-03-25T10:30Z")));
    }

    [Fact]
    public void Due_times_keep_their_wall_clock_hours_across_a_clock_change()
    {
        // Berlin, Friday 2026-03-27 17:00 CET; resolution within 9 business hours: 1 h on Friday, 8 h on Monday from 09:00
        // CEST: Monday 17:00 CEST = 15:00 UTC. 80% = 7 h 12 min: Monday 15:12 CEST.
        var clock = new SlaClock(At("2026-03-27T17:00+01:00"), H(9), OfficeDays("Europe/Berlin"));
        Assert.Equal(At("2026-03-30T15:00Z"), clock.DueAt);
        Assert.Equal(At("2026-03-30T15:12+02:00"), clock.WarningAt);
    }
}
