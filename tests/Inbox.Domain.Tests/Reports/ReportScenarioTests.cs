using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Reports;
using Inbox.Domain.Sla;
using static Inbox.Domain.Tests.Reports.ReportScenario;

namespace Inbox.Domain.Tests.Reports;

/// <summary>
/// The reports checked against a scenario counted by hand: ten customers on telegram, sms and email over two Moscow days,
/// bot-contained conversations, handoffs (one of a possible victim), operators' replies at known times, ratings, SLA breaches,
/// a customer writing again after a resolve, and a merge of two customers whose conversations were both open.
/// The counting is written next to each expected figure.
/// </summary>
public sealed class ReportScenarioTests
{
    private static DailyReport Report(ReportFilter? filter = null, IEnumerable<LiveEvent>? events = null) =>
        ReportScenario.Report(events ?? Events(), filter);

    [Fact]
    public void The_first_day_matches_the_hand_count()
    {
        var day = Report().Days[0];

        Assert.Equal(Dec1, day.Day);
        // C8, C1 (twice), C2, C3, C4, C5, C6 with C7, C10; C9 is Dec 2 in Moscow.
        Assert.Equal(9, day.Conversations);
        // telegram: C8, C1, C1 again, C3, C6 (the merged episode started on C6's telegram); sms: C2, C4; email: C5, C10.
        Assert.Equal(new Dictionary<string, int> { ["email"] = 2, ["sms"] = 2, ["telegram"] = 5 }, day.ByChannel);
        // order_status: C1, C1 again, C2, C6, C10; refund C3; fraud C4; other C5; none: C8 (no bot, no handoff).
        Assert.Equal(new Dictionary<string, int> { ["fraud"] = 1, ["none"] = 1, ["order_status"] = 5, ["other"] = 1, ["refund"] = 1 }, day.ByIntent);

        // First responses: C3 240, C4 240, C1 again 600, C6 1140, C5 3600, C8 21600. Nearest rank: p50 is the 3rd of 6, p90 the 6th.
        Assert.Equal(6, day.FirstResponses);
        Assert.Equal(600, day.FirstResponseP50Seconds);
        Assert.Equal(21600, day.FirstResponseP90Seconds);

        // Resolutions: C1 600, C1 again 1200, C4 1800, C3 1860, C6 2400, C8 22200 (from 23:30 to 05:40). Average 30060 / 6.
        Assert.Equal(6, day.Resolved);
        Assert.Equal(1800, day.ResolutionP50Seconds);
        Assert.Equal(22200, day.ResolutionP90Seconds);
        Assert.Equal(5010, day.ResolutionAverageSeconds);

        // Bot episodes: every one but C8 (8). Contained: C1 (resolved) and C2 (idle 26 h); C10 has not ended. 2 / 8.
        Assert.Equal(8, day.BotConversations);
        Assert.Equal(2, day.BotContained);
        Assert.Equal(0.25, day.BotContainment);
        // Handed off: C1 again, C3, C4, C5, C6 (one, with C7): 5 / 8.
        Assert.Equal(5, day.HandedOff);
        Assert.Equal(0.625, day.HandoffRate);
        // C4 was a possible victim and B answered.
        Assert.Equal(1, day.VictimsHandedOff);
        Assert.Equal(1, day.VictimsHandled);

        // Ratings 5 (C1, after its resolve), 4 (C3), 2 (C4): average 11 / 3, satisfied (4-5) 2 of 3.
        Assert.Equal(3, day.CsatRatings);
        Assert.Equal(3.6667, day.CsatAverage);
        Assert.Equal(0.6667, day.CsatSatisfiedShare);

        // Queued episodes with a policy: orders (C1 again, C3, C5, C6) and fraud response urgent (C4): 5 x 2 targets. C8 has no
        // team and no policy covers it. Breached: C4's and C5's first response. 1 - 2 / 10.
        Assert.Equal(10, day.SlaTargets);
        Assert.Equal(2, day.SlaBreached);
        Assert.Equal(0.8, day.SlaAttainment);
    }

    [Fact]
    public void The_second_day_and_the_totals_match_the_hand_count()
    {
        var report = Report();
        var day = report.Days[1];

        // 00:30 in Moscow on Dec 2 (21:30 UTC on Dec 1): C9 alone, contained, resolved in 300 s.
        Assert.Equal(Dec2, day.Day);
        Assert.Equal(1, day.Conversations);
        Assert.Equal(new Dictionary<string, int> { ["sms"] = 1 }, day.ByChannel);
        Assert.Equal((1, 1, 1.0, 0, 0.0), (day.BotConversations, day.BotContained, day.BotContainment, day.HandedOff, day.HandoffRate));
        Assert.Equal(300, day.ResolutionP50Seconds);
        Assert.Equal(0, day.FirstResponses);
        Assert.Null(day.FirstResponseP50Seconds);
        Assert.Null(day.SlaAttainment);

        var total = report.Total;
        Assert.Null(total.Day);
        Assert.Equal(10, total.Conversations);
        Assert.Equal(new Dictionary<string, int> { ["email"] = 2, ["sms"] = 3, ["telegram"] = 5 }, total.ByChannel);
        // Resolutions 300, 600, 1200, 1800, 1860, 2400, 22200: p50 the 4th of 7, p90 the 7th; average 30360 / 7.
        Assert.Equal(7, total.Resolved);
        Assert.Equal(1800, total.ResolutionP50Seconds);
        Assert.Equal(22200, total.ResolutionP90Seconds);
        Assert.Equal(4337.143, total.ResolutionAverageSeconds);
        // Bot: 9 episodes, 3 contained, 5 handed off.
        Assert.Equal((9, 3, 0.3333, 5, 0.5556), (total.BotConversations, total.BotContained, total.BotContainment, total.HandedOff, total.HandoffRate));
        Assert.Equal((6, 600.0, 21600.0), (total.FirstResponses, total.FirstResponseP50Seconds, total.FirstResponseP90Seconds));
        Assert.Equal((10, 2, 0.8), (total.SlaTargets, total.SlaBreached, total.SlaAttainment));
    }

    [Fact]
    public void Per_team_operator_and_channel_count_only_their_episodes()
    {
        // orders: C1 again, C3, C5, C6.
        Assert.Equal(4, Report(new ReportFilter(Team: "orders")).Total.Conversations);
        // no team: C1, C2, C8, C10 on Dec 1, C9 on Dec 2.
        Assert.Equal((4, 1), (Report(new ReportFilter(Team: "")).Days[0].Conversations, Report(new ReportFilter(Team: "")).Days[1].Conversations));

        // A answered C8, C3 and C5 first: first responses 21600, 240, 3600; resolved C8 and C3.
        var a = Report(new ReportFilter(OperatorId: OperatorA)).Total;
        Assert.Equal((3, 3, 3600.0, 2), (a.Conversations, a.FirstResponses, a.FirstResponseP50Seconds!.Value, a.Resolved));
        // B: C1 again, C4, C6, with C4's victim.
        var b = Report(new ReportFilter(OperatorId: OperatorB)).Total;
        Assert.Equal((3, 1, 1), (b.Conversations, b.VictimsHandedOff, b.VictimsHandled));

        // sms: C2, C4 on Dec 1 (C7's sms was merged into C6's telegram episode), C9 on Dec 2.
        var sms = Report(new ReportFilter(Channel: "sms"));
        Assert.Equal((2, 1), (sms.Days[0].Conversations, sms.Days[1].Conversations));
    }

    [Fact]
    public void The_fold_is_a_function_of_the_events_whatever_order_they_arrive_in()
    {
        var events = Events();
        var shuffled = events.OrderBy(_ => Random.Shared.Next()).ToList();

        Assert.Equal(Report(events: events), Report(events: shuffled), new ReportComparer());
    }

    [Fact]
    public void A_merge_of_two_open_conversations_makes_one_episode_that_starts_with_the_earlier()
    {
        var episodes = EpisodeFold.Of(Events()).Episodes;

        var merged = Assert.Single(episodes, e => e.MergedEpisodes == 1);
        Assert.Equal(At(1, 14, 0), merged.StartedAt);
        Assert.Equal("telegram", merged.Channel);
        Assert.Equal(At(1, 14, 1), merged.QueuedAt);
        Assert.Equal(At(1, 14, 40), merged.ResolvedAt);
        Assert.Equal(OperatorB, merged.OperatorId);
        Assert.Equal(10, episodes.Count);
    }

    [Fact]
    public void A_merge_into_a_resolved_conversation_carries_the_open_episode_over()
    {
        var events = new List<LiveEvent>();
        var survivor = new ScriptedConversation(events).Inbound(At(1, 9, 0), "telegram").BotDecision(At(1, 9, 0, 5), "order_status").Resolve(At(1, 9, 5));
        var absorbed = new ScriptedConversation(events).Inbound(At(1, 10, 0), "sms").BotDecision(At(1, 10, 0, 5), "refund").Handoff(At(1, 10, 1), "refund", "orders");
        survivor.Absorb(At(1, 10, 30), absorbed);
        absorbed.MarkMerged(At(1, 10, 30), survivor);
        survivor.OperatorReply(At(1, 10, 40), OperatorA).Resolve(At(1, 11, 0));

        var episodes = EpisodeFold.Of(events).Episodes;

        Assert.Equal(2, episodes.Count);
        var carried = episodes.Single(e => e.Channel == "sms");
        Assert.Equal(survivor.Id, carried.ConversationId);
        Assert.Equal(TimeSpan.FromMinutes(39), carried.FirstResponseTime);
        Assert.Equal(TimeSpan.FromMinutes(60), carried.ResolutionTime);
    }

    [Fact]
    public void An_event_at_23_30_utc_counts_on_the_next_moscow_day()
    {
        var events = new List<LiveEvent>();
        new ScriptedConversation(events).Inbound(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero), "telegram");

        var report = DailyReportCalculator.Compute(EpisodeFold.Of(events).Episodes, Dec1, Dec2, Moscow, new ReportFilter(), Catalog(), BotIdleClose, Now);

        Assert.Equal([0, 1], report.Days.Select(d => d.Conversations));
        Assert.Equal(new DateOnly(2026, 12, 2), DailyReportCalculator.DayOf(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero), Moscow));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 21, 0, 0, TimeSpan.Zero), DailyReportCalculator.StartOf(Dec1, Moscow));
    }

    [Fact]
    public void A_reopen_by_an_operator_continues_the_episode_instead_of_starting_one()
    {
        var events = new List<LiveEvent>();
        new ScriptedConversation(events, botFirst: false).Inbound(At(1, 9, 0), "email").OperatorReply(At(1, 9, 10), OperatorA)
            .Resolve(At(1, 9, 20)).Reopen(At(1, 9, 30)).Resolve(At(1, 10, 0));

        var episode = Assert.Single(EpisodeFold.Of(events).Episodes);

        Assert.Equal(TimeSpan.FromHours(1), episode.ResolutionTime);
    }

    [Fact]
    public void An_automatic_reply_after_a_resolve_starts_no_episode_and_a_rating_counts_for_the_resolved_one()
    {
        var events = new List<LiveEvent>();
        new ScriptedConversation(events, botFirst: false).Inbound(At(1, 9, 0), "email").OperatorReply(At(1, 9, 10), OperatorA).Resolve(At(1, 9, 20))
            .Inbound(At(1, 9, 21), "email", "I am out of office", automated: true).Csat(At(1, 9, 30), 4);

        var episode = Assert.Single(EpisodeFold.Of(events).Episodes);

        Assert.Equal(At(1, 9, 20), episode.ResolvedAt);
        Assert.Equal([4], episode.Ratings);
    }

    [Fact]
    public void The_csv_has_a_row_per_day_and_the_totals_with_invariant_numbers_and_quoting()
    {
        var csv = DailyReportCsv.Write(Report());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, lines.Length);
        Assert.StartsWith("day,conversations,firstResponses,firstResponseP50Seconds,", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(",channel:email,channel:sms,channel:telegram,intent:fraud,intent:none,intent:order_status,intent:other,intent:refund", lines[0], StringComparison.Ordinal);
        Assert.Equal("2026-12-01,9,6,600,21600,6,1800,22200,5010,8,2,0.25,5,0.625,1,1,3,3.6667,0.6667,10,2,0.8,2,2,5,1,1,5,1,1", lines[1]);
        Assert.Equal("2026-12-02,1,0,,,1,300,300,300,1,1,1,0,0,0,0,0,,,0,0,,0,1,0,0,0,1,0,0", lines[2]);
        Assert.StartsWith("total,10,6,600,21600,7,1800,22200,4337.143,9,3,0.3333,5,0.5556,", lines[3], StringComparison.Ordinal);
        Assert.Equal("\"a,b\"", DailyReportCsv.Quote("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", DailyReportCsv.Quote("say \"hi\""));
        Assert.Equal("\"two\nlines\"", DailyReportCsv.Quote("two\nlines"));
        Assert.Equal("plain", DailyReportCsv.Quote("plain"));
    }

    /// <summary>Two reports are equal when every figure of every row is (the dictionaries compared by content).</summary>
    private sealed class ReportComparer : IEqualityComparer<DailyReport>
    {
        public bool Equals(DailyReport? x, DailyReport? y) => DailyReportCsv.Write(x!) == DailyReportCsv.Write(y!);

        public int GetHashCode(DailyReport obj) => 0;
    }
}
