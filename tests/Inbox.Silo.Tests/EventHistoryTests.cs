using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Reports;
using Inbox.Domain.Storage;
using Inbox.Domain.Tests.Reports;

namespace Inbox.Silo.Tests;

/// <summary>The reports' read of the store's events, run against each provider by a subclass: a fresh store per test.</summary>
public abstract class EventHistoryTests : StoreTestBase
{
    protected abstract IEventHistory History { get; }

    /// <summary>Commits each event as its conversation grain would, with its new timeline item.</summary>
    private async Task WriteAsync(IEnumerable<LiveEvent> events)
    {
        foreach (var e in events)
        {
            var created = e.Type == LiveEventTypes.MessageCreated ? e.Message : null;
            await Store.Conversations.CommitAsync(new ConversationCommit(e.Conversation, [e], NewMessage: created));
        }
    }

    [Fact]
    public async Task The_scenario_read_back_from_the_store_gives_the_hand_counted_figures()
    {
        var events = ReportScenario.Events();
        await WriteAsync(events);

        var read = await History.ReadActiveSinceAsync(DailyReportCalculator.StartOf(ReportScenario.Dec1, ReportScenario.Moscow));

        Assert.Equal(events.Count, read.Count);
        var fromStore = ReportScenario.Report(read);
        Assert.Equal(DailyReportCsv.Write(ReportScenario.Report(events)), DailyReportCsv.Write(fromStore));
        Assert.Equal((9, 1, 10), (fromStore.Days[0].Conversations, fromStore.Days[1].Conversations, fromStore.Total.Conversations));
        Assert.Equal(0.8, fromStore.Total.SlaAttainment);
    }

    [Fact]
    public async Task Conversations_active_since_the_start_are_read_whole_with_those_merged_into_them_and_no_others()
    {
        var events = new List<LiveEvent>();
        var november = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var december = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var quiet = new ScriptedConversation(events).Inbound(november, "sms").Resolve(november.AddMinutes(5));
        var spanning = new ScriptedConversation(events).Inbound(november, "telegram").Resolve(november.AddMinutes(5)).Inbound(december, "telegram");
        var survivor = new ScriptedConversation(events).Inbound(november, "email");
        var absorbed = new ScriptedConversation(events).Inbound(november.AddMinutes(1), "sms");
        survivor.Absorb(november.AddMinutes(2), absorbed);
        absorbed.MarkMerged(november.AddMinutes(2), survivor);
        survivor.Inbound(december.AddMinutes(1), "email");
        await WriteAsync(events);

        var read = await History.ReadActiveSinceAsync(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain(read, e => e.ConversationId == quiet.Id);
        Assert.Equal([1L, 2, 3], read.Where(e => e.ConversationId == spanning.Id).Select(e => e.Sequence));
        Assert.Equal([1L, 2, 3], read.Where(e => e.ConversationId == survivor.Id).Select(e => e.Sequence));
        Assert.Equal([1L, 2], read.Where(e => e.ConversationId == absorbed.Id).Select(e => e.Sequence));
        Assert.Equal(Keys(events.Where(e => e.ConversationId != quiet.Id).OrderBy(e => e.OccurredAt).ThenBy(e => e.ConversationId).ThenBy(e => e.Sequence)), Keys(read));
    }

    [Fact]
    public async Task The_events_of_chosen_conversations_are_read_in_order()
    {
        var events = ReportScenario.Events();
        await WriteAsync(events);
        var chosen = events.Select(e => e.ConversationId).Distinct().Take(3).ToList();

        var read = await History.ReadConversationsAsync(chosen);

        Assert.Equal(Keys(events.Where(e => chosen.Contains(e.ConversationId)).OrderBy(e => e.OccurredAt).ThenBy(e => e.ConversationId).ThenBy(e => e.Sequence)), Keys(read));
        Assert.Empty(await History.ReadConversationsAsync([Guid.NewGuid()]));
    }

    /// <summary>Which events, in which order (a read-back event has equal values, not the same dictionaries).</summary>
    private static List<(Guid, long, string, DateTimeOffset)> Keys(IEnumerable<LiveEvent> events) =>
        events.Select(e => (e.ConversationId, e.Sequence, e.Type, e.OccurredAt)).ToList();
}
