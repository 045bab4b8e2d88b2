using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Reports;
using Inbox.Domain.Sla;

namespace Inbox.Domain.Tests.Reports;

/// <summary>
/// The reports' hand-counted scenario (its figures are counted in <c>ReportScenarioTests</c>): ten customers on telegram, sms
/// and email over two Moscow days. The store tests write the same events through each provider.
/// </summary>
internal static class ReportScenario
{
    public static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    public static readonly DateOnly Dec1 = new(2026, 12, 1);
    public static readonly DateOnly Dec2 = new(2026, 12, 2);
    public static readonly Guid OperatorA = Guid.NewGuid();
    public static readonly Guid OperatorB = Guid.NewGuid();

    /// <summary>When the report is asked for: C2's last message is then 26 hours old (idle: ended), C10's 20.5 hours (still open).</summary>
    public static readonly DateTimeOffset Now = At(2, 12, 0);

    public static readonly TimeSpan BotIdleClose = TimeSpan.FromHours(24);

    /// <summary>A time on December <paramref name="day"/>, 2026, in UTC (Moscow is UTC+3).</summary>
    public static DateTimeOffset At(int day, int hour, int minute, int second = 0) => new(2026, 12, day, hour, minute, second, TimeSpan.Zero);

    public static SlaCatalog Catalog()
    {
        var options = new SlaOptions();
        options.Policies.Add(new SlaPolicyOptions { Team = "orders", FirstResponse = TimeSpan.FromMinutes(30), Resolution = TimeSpan.FromDays(1) });
        options.Policies.Add(new SlaPolicyOptions
        {
            Team = "fraud response", Priority = ConversationPriority.Urgent, FirstResponse = TimeSpan.FromMinutes(2), Resolution = TimeSpan.FromHours(2),
        });
        return SlaCatalog.Read(options, out var problems) ?? throw new InvalidOperationException(string.Join("; ", problems));
    }

    /// <summary>The scenario's events, as the store keeps them.</summary>
    public static List<LiveEvent> Events()
    {
        var events = new List<LiveEvent>();

        // C8: 23:30 UTC on Nov 30 is 02:30 on Dec 1 in Moscow. No bot (it starts queued); routing set no QueuedAt, so the wait
        // counts from the first event that showed it queued: its first message. A answers 6 h later, resolves 10 min after.
        new ScriptedConversation(events, botFirst: false)
            .Inbound(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero), "telegram")
            .OperatorReply(At(1, 5, 30), OperatorA)
            .Resolve(At(1, 5, 40));

        // C1: the bot answers and the conversation is resolved with nobody (contained), rated 5 after the resolve. The customer
        // writes again at 16:00: a second episode, handed over to orders, answered by B after 10 min, resolved after 20.
        var c1 = new ScriptedConversation(events)
            .Inbound(At(1, 9, 0), "telegram").BotDecision(At(1, 9, 0, 5), "order_status").BotReply(At(1, 9, 0, 6))
            .Resolve(At(1, 9, 10)).Csat(At(1, 9, 12), 5);
        c1.Inbound(At(1, 16, 0), "telegram").BotDecision(At(1, 16, 0, 5), "order_status").Handoff(At(1, 16, 1), "order_status", "orders")
            .OperatorReply(At(1, 16, 11), OperatorB).Resolve(At(1, 16, 20));

        // C2: the bot answers, the customer never writes again: no resolve, but idle for 26 h by Now: ended, contained.
        new ScriptedConversation(events).Inbound(At(1, 10, 0), "sms").BotDecision(At(1, 10, 0, 5), "order_status").BotReply(At(1, 10, 0, 6));

        // C3: handed over to orders at 11:01, A replies at 11:05 (240 s), resolved at 11:31 (1860 s from 11:00), rated 4.
        new ScriptedConversation(events).Inbound(At(1, 11, 0), "telegram").BotDecision(At(1, 11, 0, 5), "refund")
            .Handoff(At(1, 11, 1), "refund", "orders").OperatorReply(At(1, 11, 5), OperatorA).Resolve(At(1, 11, 31)).Csat(At(1, 11, 35), 4);

        // C4: a possible victim, urgent, to fraud response at 12:00:30; at risk, then breached (first response); B replies at
        // 12:04:30 (240 s), resolved at 12:30 (1800 s), rated 2.
        new ScriptedConversation(events).Inbound(At(1, 12, 0), "sms").BotDecision(At(1, 12, 0, 5), "fraud")
            .Handoff(At(1, 12, 0, 30), "fraud", "fraud response", victim: true, priority: 2)
            .SlaAtRisk(At(1, 12, 2), SlaTargets.FirstResponse, At(1, 12, 2, 30)).SlaBreached(At(1, 12, 2, 30), SlaTargets.FirstResponse)
            .OperatorReply(At(1, 12, 4, 30), OperatorB).Resolve(At(1, 12, 30)).Csat(At(1, 12, 40), 2);

        // C5: email to orders at 13:00:10; first response breached at 13:30:10; A replies at 14:00:10 (3600 s); still open.
        new ScriptedConversation(events).Inbound(At(1, 13, 0), "email").BotDecision(At(1, 13, 0, 5), "other")
            .Handoff(At(1, 13, 0, 10), "other", "orders").SlaBreached(At(1, 13, 30, 10), SlaTargets.FirstResponse)
            .OperatorReply(At(1, 14, 0, 10), OperatorA);

        // C6 and C7 are one person: telegram at 14:00 (handed over at 14:01), sms at 14:05 (handed over at 14:06). C6 absorbs
        // C7 at 14:10: one episode, started 14:00 on telegram, queued since 14:01. B replies at 14:20 (1140 s), resolved at
        // 14:40 (2400 s). C7's own "resolve" by the merge is no resolve and no second conversation.
        var c6 = new ScriptedConversation(events).Inbound(At(1, 14, 0), "telegram").BotDecision(At(1, 14, 0, 5), "order_status")
            .Handoff(At(1, 14, 1), "order_status", "orders");
        var c7 = new ScriptedConversation(events).Inbound(At(1, 14, 5), "sms").BotDecision(At(1, 14, 5, 5), "order_status")
            .Handoff(At(1, 14, 6), "order_status", "orders");
        c6.Absorb(At(1, 14, 10), c7);
        c7.MarkMerged(At(1, 14, 10), c6);
        c6.OperatorReply(At(1, 14, 20), OperatorB).Resolve(At(1, 14, 40));

        // C10: the bot answers at 15:00; the customer writes again at 15:30 (20.5 h before Now): not ended, not contained.
        new ScriptedConversation(events).Inbound(At(1, 15, 0), "email").BotDecision(At(1, 15, 0, 5), "order_status").BotReply(At(1, 15, 0, 6))
            .Inbound(At(1, 15, 30), "email");

        // C9: 21:30 UTC on Dec 1 is 00:30 on Dec 2 in Moscow: counted on Dec 2. Contained by the bot, resolved after 300 s.
        new ScriptedConversation(events).Inbound(At(1, 21, 30), "sms").BotDecision(At(1, 21, 30, 5), "order_status").BotReply(At(1, 21, 30, 6))
            .Resolve(At(1, 21, 35));

        return events;
    }


    /// <summary>The report of Dec 1 and 2 in Moscow over these events, as of <see cref="Now"/>.</summary>
    public static DailyReport Report(IEnumerable<LiveEvent> events, ReportFilter? filter = null) =>
        DailyReportCalculator.Compute(EpisodeFold.Of(events).Episodes, Dec1, Dec2, Moscow, filter ?? new ReportFilter(), Catalog(), BotIdleClose, Now);
}
