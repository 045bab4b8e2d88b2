using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using Inbox.Silo.Sla;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Silo.Tests;

/// <summary>
/// The SLA clocks and stored policies (<c>sla_clocks</c>, <c>sla_policies</c>) on each provider, and a conversation's clocks
/// (<see cref="ConversationSla"/>) driven through them with a fake clock: started on entering the queue, warned once and
/// breached once, stopped by the first operator reply and the resolve, found as they were after a restart (a new load).
/// </summary>
public abstract class SlaStoreTests : StoreTestBase
{
    /// <summary>Friday 2026-05-08 17:00 in Moscow (14:00 UTC); Monday 2026-05-11 is a holiday.</summary>
    private static readonly DateTimeOffset FridayFive = new(2026, 5, 8, 14, 0, 0, TimeSpan.Zero);

    private long _sequence;

    protected abstract ISlaStore CreateSlaStore();

    private static SlaOptions Office(TimeSpan firstResponse, TimeSpan resolution, string? schedule = "office") => new()
    {
        Schedules = new(StringComparer.OrdinalIgnoreCase)
        {
            ["office"] = new SlaScheduleOptions
            {
                TimeZone = "Europe/Moscow",
                Week = new(StringComparer.OrdinalIgnoreCase)
                {
                    ["Monday"] = ["09:00-18:00"], ["Tuesday"] = ["09:00-18:00"], ["Wednesday"] = ["09:00-18:00"],
                    ["Thursday"] = ["09:00-18:00"], ["Friday"] = ["09:00-18:00"],
                },
                Holidays = ["2026-05-11"],
            },
        },
        Policies = [new SlaPolicyOptions { FirstResponse = firstResponse, Resolution = resolution, Schedule = schedule }],
        OutOfHoursSchedule = "office",
    };

    private (ConversationSla Sla, SlaServices Services) Conversation(Guid id, SlaOptions options, TimeProvider clock)
    {
        var catalog = SlaCatalog.Read(options, out var problems) ?? throw new InvalidOperationException(string.Join(" ", problems));
        var services = new SlaServices(CreateSlaStore(), new SlaPolicies(CreateSlaStore(), Options.Create(options), catalog, clock));
        return (new ConversationSla(services, id), services);
    }

    private static ConversationSnapshot Snapshot(Guid id, ConversationStatus status, DateTimeOffset at, DateTimeOffset? queuedAt = null) =>
        new(id, id, status, null, 1, at, "api", "api:c1", "hi", at, at, QueuedAt: queuedAt);

    /// <summary>Commits a step's clock rows as the grain does, with the conversation's state, and keeps them.</summary>
    private async Task CommitAsync(ConversationSla sla, ConversationSnapshot state, IReadOnlyList<SlaClockRecord> rows)
    {
        state = state with { LastSequence = ++_sequence };
        var e = new LiveEvent(state.ConversationId, state.LastSequence, LiveEventTypes.ConversationChanged, state.UpdatedAt, state, null);
        await Store.Conversations.CommitAsync(new ConversationCommit(state, [e], SlaClocks: rows));
        sla.Apply(rows);
    }

    [Fact]
    public async Task Clock_rows_are_written_with_the_commit_and_found_by_their_next_moment()
    {
        var sla = CreateSlaStore();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var t = FridayFive;
        var first = new SlaClockRecord(a, SlaTargets.FirstResponse, t, t.AddMinutes(8), t.AddMinutes(10), "orders", ConversationPriority.High);
        var resolution = new SlaClockRecord(a, SlaTargets.Resolution, t, t.AddMinutes(80), t.AddMinutes(100), "orders", ConversationPriority.High);
        var other = new SlaClockRecord(b, SlaTargets.FirstResponse, t, t.AddMinutes(4), t.AddMinutes(5), null, ConversationPriority.Normal);
        await Store.Conversations.CommitAsync(Samples.Inbound(a, 1, $"{a}") with { SlaClocks = [first, resolution] });
        await Store.Conversations.CommitAsync(Samples.Inbound(b, 1, $"{b}") with { SlaClocks = [other] });

        Assert.Equal([first, resolution], await sla.GetClocksAsync(a));
        Assert.Equal(t.AddMinutes(4), await sla.NextDueAsync());
        Assert.Empty(await sla.DueConversationsAsync(t.AddMinutes(3), 10));
        Assert.Equal([b], await sla.DueConversationsAsync(t.AddMinutes(4), 10));
        Assert.Equal([b, a], await sla.DueConversationsAsync(t.AddMinutes(9), 10));
        Assert.Equal([b], await sla.DueConversationsAsync(t.AddMinutes(9), 1));

        // Warned: next is the due time; stopped or breached: never again.
        var warned = first with { Warned = true };
        var stopped = other with { StoppedAt = t.AddMinutes(1) };
        await Store.Conversations.CommitAsync(Samples.Inbound(a, 2, $"{a}-2") with { SlaClocks = [warned] });
        await Store.Conversations.CommitAsync(Samples.Inbound(b, 2, $"{b}-2") with { SlaClocks = [stopped] });
        Assert.Equal([warned, resolution], await sla.GetClocksAsync(a));
        Assert.Equal([stopped], await sla.GetClocksAsync(b));
        Assert.Equal(t.AddMinutes(10), await sla.NextDueAsync());
        Assert.Empty(await sla.DueConversationsAsync(t.AddMinutes(9), 10));

        await Store.Conversations.CommitAsync(Samples.Inbound(a, 3, $"{a}-3") with
        {
            SlaClocks = [warned with { Breached = true }, resolution with { StoppedAt = t.AddMinutes(30) }],
        });
        Assert.Null(await sla.NextDueAsync());
        Assert.Empty(await sla.DueConversationsAsync(t.AddDays(30), 10));
    }

    [Fact]
    public async Task Open_risks_are_the_running_clocks_that_warned_or_breached_on_open_conversations_breaches_first()
    {
        var sla = CreateSlaStore();
        var t = FridayFive;
        SlaClockRecord Clock(Guid id, string target, int dueMinutes, bool warned = false, bool breached = false, DateTimeOffset? stopped = null) =>
            new(id, target, t, t.AddMinutes(dueMinutes - 2), t.AddMinutes(dueMinutes), null, ConversationPriority.Normal, warned, breached, stopped);
        async Task<Guid> Conversation(Func<ConversationSnapshot, ConversationSnapshot> state, params SlaClockRecord[] clocks)
        {
            var id = Guid.NewGuid();
            var commit = Samples.Inbound(id, 1, $"{id}");
            var rows = clocks.Select(c => c with { ConversationId = id }).ToList();
            await Store.Conversations.CommitAsync(commit with { Conversation = state(commit.Conversation), SlaClocks = rows });
            return id;
        }

        var operatorId = Guid.NewGuid();
        var breached = await Conversation(c => c with { Team = "orders" },
            Clock(Guid.Empty, SlaTargets.FirstResponse, 30, warned: true, breached: true), Clock(Guid.Empty, SlaTargets.Resolution, 600));
        var answeredAtRisk = await Conversation(c => c with { Status = ConversationStatus.Assigned, AssigneeId = operatorId },
            Clock(Guid.Empty, SlaTargets.FirstResponse, 10, warned: true, stopped: t.AddMinutes(5)), Clock(Guid.Empty, SlaTargets.Resolution, 20, warned: true));
        var earlierAtRisk = await Conversation(c => c, Clock(Guid.Empty, SlaTargets.FirstResponse, 15, warned: true));
        await Conversation(c => c, Clock(Guid.Empty, SlaTargets.FirstResponse, 5)); // running, no warning yet
        await Conversation(c => c with { Status = ConversationStatus.Resolved }, Clock(Guid.Empty, SlaTargets.FirstResponse, 5, warned: true, breached: true));
        await Conversation(c => c with { MergedInto = breached }, Clock(Guid.Empty, SlaTargets.FirstResponse, 5, warned: true, breached: true));
        await Conversation(c => c with { Status = ConversationStatus.Bot }, Clock(Guid.Empty, SlaTargets.Resolution, 5, warned: true));

        var risks = await sla.OpenRisksAsync(10);

        Assert.Equal(
            [
                new SlaRisk(breached, "orders", null, SlaTargets.FirstResponse, true, t.AddMinutes(30), t.AddMinutes(30)),
                new SlaRisk(earlierAtRisk, null, null, SlaTargets.FirstResponse, false, t.AddMinutes(13), t.AddMinutes(15)),
                new SlaRisk(answeredAtRisk, null, operatorId, SlaTargets.Resolution, false, t.AddMinutes(18), t.AddMinutes(20)),
            ],
            risks);
        Assert.Equal(risks.Take(2), await sla.OpenRisksAsync(2));

        // The first operator reply stops the clock: the risk is gone at once.
        await Store.Conversations.CommitAsync(Samples.Inbound(earlierAtRisk, 2, $"{earlierAtRisk}-2") with
        {
            SlaClocks = [Clock(earlierAtRisk, SlaTargets.FirstResponse, 15, warned: true, stopped: t.AddMinutes(14))],
        });
        Assert.DoesNotContain(await sla.OpenRisksAsync(10), r => r.ConversationId == earlierAtRisk);
    }

    [Fact]
    public async Task Written_policies_are_in_force_instead_of_the_settings_and_checked_as_the_settings_are()
    {
        var clock = new FakeTimeProvider(FridayFive);
        var settings = Office(TimeSpan.FromHours(2), TimeSpan.FromHours(8));
        var policies = new SlaPolicies(CreateSlaStore(), Options.Create(settings), SlaCatalog.Read(settings, out _)!, clock);
        Assert.Null(await CreateSlaStore().GetPoliciesAsync());
        var before = await policies.ReadAsync();
        Assert.Equal((SlaPolicySet.FromSettings, TimeSpan.FromHours(2)), (before.Source, before.Catalog.Policies[0].FirstResponse));

        var wrong = Office(TimeSpan.Zero, TimeSpan.FromHours(8), schedule: "nights");
        Assert.Equal(
            ["Sla:Policies:0:FirstResponse must be a positive duration (for example 00:30:00).",
             "Sla:Policies:0:Schedule \"nights\" is not one of Sla:Schedules (office)."],
            await policies.ReplaceAsync(wrong));
        Assert.Null(await CreateSlaStore().GetPoliciesAsync());

        var written = Office(TimeSpan.FromMinutes(15), TimeSpan.FromHours(4));
        written.Policies.Add(new SlaPolicyOptions { Team = "fraud response", Priority = ConversationPriority.Urgent, FirstResponse = TimeSpan.FromMinutes(2), Resolution = TimeSpan.FromHours(1) });
        Assert.Empty(await policies.ReplaceAsync(written));
        var after = await policies.ReadAsync();
        Assert.Equal((SlaPolicySet.FromStore, FridayFive), (after.Source, after.UpdatedAt));
        Assert.Equal(TimeSpan.FromMinutes(2), after.Catalog.Find("Fraud Response ", ConversationPriority.Urgent)!.FirstResponse);

        // Another node (another instance over the same store) reads the stored set, the schedules' zone and holidays included.
        var otherNode = new SlaPolicies(CreateSlaStore(), Options.Create(settings), SlaCatalog.Read(settings, out _)!, clock);
        var seen = await otherNode.ReadAsync();
        Assert.Equal(SlaPolicySet.FromStore, seen.Source);
        Assert.Equal(2, seen.Catalog.Policies.Count);
        Assert.Equal("Europe/Moscow", seen.Catalog.Schedules["office"].TimeZone.Id);
        Assert.Contains(new DateOnly(2026, 5, 11), seen.Catalog.Schedules["office"].Holidays);
        Assert.Equal("office", seen.Catalog.OutOfHoursSchedule);
    }

    [Fact]
    public async Task A_clock_warns_once_and_breaches_once_and_a_restart_finds_it_unmoved()
    {
        var id = Guid.NewGuid();
        var clock = new FakeTimeProvider(FridayFive);
        var options = Office(TimeSpan.FromHours(2), TimeSpan.FromHours(8));
        var (sla, services) = Conversation(id, options, clock);
        await sla.LoadAsync(CancellationToken.None);

        // The customer waits from Friday 17:00: first response due Tuesday 10:00 (the weekend and the holiday Monday pause it).
        var queued = ConversationSla.MarkQueued(null, Snapshot(id, ConversationStatus.Queued, FridayFive), FridayFive);
        Assert.Equal(FridayFive, queued.QueuedAt);
        var started = await sla.StepAsync(null, queued, null, FridayFive);
        await CommitAsync(sla, queued, started);
        var first = Assert.Single(started, c => c.Target == SlaTargets.FirstResponse);
        Assert.Equal(new DateTimeOffset(2026, 5, 12, 7, 0, 0, TimeSpan.Zero), first.DueAt);       // Tuesday 10:00 Moscow
        Assert.Equal(new DateTimeOffset(2026, 5, 12, 6, 36, 0, TimeSpan.Zero), first.WarnAt);     // 80%: 09:36
        Assert.Equal(new DateTimeOffset(2026, 5, 12, 13, 0, 0, TimeSpan.Zero), started.Single(c => c.Target == SlaTargets.Resolution).DueAt);

        Assert.Null(sla.Reached(first.WarnAt.AddTicks(-1)));
        var atRisk = sla.Reached(first.WarnAt);
        Assert.Equal((SlaTargets.FirstResponse, TimelineActions.SlaAtRisk), (atRisk!.Value.Clock.Target, atRisk.Value.Action));
        await CommitAsync(sla, queued, [atRisk.Value.Clock]);
        Assert.Null(sla.Reached(first.WarnAt.AddMinutes(1))); // warned once

        // A restart: the clock is read back as it was, neither restarted nor warned again.
        var (restarted, _) = Conversation(id, options, clock);
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Null(restarted.Reached(first.WarnAt.AddMinutes(1)));
        Assert.Empty(await restarted.StepAsync(queued, queued, null, first.WarnAt.AddMinutes(1)));
        var breach = restarted.Reached(first.DueAt);
        Assert.Equal((SlaTargets.FirstResponse, TimelineActions.SlaBreached, first.DueAt), (breach!.Value.Clock.Target, breach.Value.Action, breach.Value.Clock.DueAt));
        await CommitAsync(restarted, queued, [breach.Value.Clock]);
        Assert.Null(restarted.Reached(first.DueAt.AddMinutes(1))); // breached once

        var item = ConversationSla.Item(queued, 9, breach.Value.Clock, breach.Value.Action, first.DueAt);
        Assert.Equal(MessageKind.Event, item.Kind);
        Assert.Equal(TimelineActions.SlaBreached, item.Metadata![TimelineActions.Key]);
        Assert.Equal((SlaTargets.FirstResponse, "2026-05-12T07:00:00.0000000+00:00", "", "normal"),
            (item.Metadata["target"], item.Metadata["dueAt"], item.Metadata["policyTeam"], item.Metadata["priority"]));

        // Past the resolution's due time with no warning recorded: the breach only.
        var late = restarted.Reached(new DateTimeOffset(2026, 5, 13, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((SlaTargets.Resolution, TimelineActions.SlaBreached, true), (late!.Value.Clock.Target, late.Value.Action, late.Value.Clock.Warned));
        Assert.Equal(2, (await services.Store.GetClocksAsync(id)).Count);
    }

    [Fact]
    public async Task The_first_operator_reply_stops_the_first_response_the_resolve_stops_both_and_a_reopen_starts_new_clocks()
    {
        var id = Guid.NewGuid();
        var clock = new FakeTimeProvider(FridayFive);
        var options = Office(TimeSpan.FromHours(2), TimeSpan.FromHours(8), schedule: null); // around the clock
        var (sla, services) = Conversation(id, options, clock);
        await sla.LoadAsync(CancellationToken.None);
        var t0 = FridayFive;
        var queued = ConversationSla.MarkQueued(Snapshot(id, ConversationStatus.Bot, t0), Snapshot(id, ConversationStatus.Queued, t0), t0);
        await CommitAsync(sla, queued, await sla.StepAsync(Snapshot(id, ConversationStatus.Bot, t0), queued, null, t0));

        // The bot's and the automatic answers do not count; an operator's reply does.
        var botReply = Reply(id, null, t0.AddMinutes(5));
        Assert.Empty(await sla.StepAsync(queued, queued, botReply, t0.AddMinutes(5)));
        var assigned = queued with { Status = ConversationStatus.Assigned, AssigneeId = Guid.NewGuid() };
        var replied = await sla.StepAsync(queued, assigned, Reply(id, Guid.NewGuid(), t0.AddMinutes(30)), t0.AddMinutes(30));
        var stopped = Assert.Single(replied);
        Assert.Equal((SlaTargets.FirstResponse, t0.AddMinutes(30), (DateTimeOffset?)null), (stopped.Target, stopped.StoppedAt, stopped.NextAt));
        await CommitAsync(sla, assigned, replied);
        Assert.Null(sla.Reached(t0.AddHours(3))); // the first response was met; resolution not yet at risk (6h24)
        Assert.Empty(await sla.StepAsync(assigned, assigned, Reply(id, Guid.NewGuid(), t0.AddHours(1)), t0.AddHours(1))); // only the first reply

        var resolved = assigned with { Status = ConversationStatus.Resolved };
        var closing = await sla.StepAsync(assigned, resolved, null, t0.AddHours(4));
        Assert.Equal((SlaTargets.Resolution, t0.AddHours(4)), (Assert.Single(closing).Target, closing[0].StoppedAt));
        await CommitAsync(sla, resolved, closing);
        Assert.Null(sla.Reached(t0.AddDays(2)));
        Assert.All(await services.Store.GetClocksAsync(id), c => Assert.Null(c.NextAt)); // nothing left for the watcher

        // The customer writes again: a new episode, new clocks from the reopen.
        var t1 = t0.AddDays(1);
        var reopened = ConversationSla.MarkQueued(resolved, resolved with { Status = ConversationStatus.Assigned }, t1);
        Assert.Equal(t1, reopened.QueuedAt);
        var fresh = await sla.StepAsync(resolved, reopened, null, t1);
        Assert.Equal([(SlaTargets.FirstResponse, t1, t1.AddHours(2)), (SlaTargets.Resolution, t1, t1.AddHours(8))],
            fresh.OrderBy(c => c.Target == SlaTargets.Resolution).Select(c => (c.Target, c.StartedAt, c.DueAt)));
        Assert.All(fresh, c => Assert.Null(c.StoppedAt));

        // A requeue from an operator keeps the time the conversation entered the queue.
        var requeued = ConversationSla.MarkQueued(reopened, reopened with { Status = ConversationStatus.Queued, AssigneeId = null }, t1.AddMinutes(5));
        Assert.Equal(t1, requeued.QueuedAt);
    }

    [Fact]
    public async Task Out_of_hours_is_answered_once_per_closed_period_in_the_schedules_zone_past_a_holiday()
    {
        var id = Guid.NewGuid();
        var clock = new FakeTimeProvider(FridayFive);
        var (sla, _) = Conversation(id, Office(TimeSpan.FromHours(2), TimeSpan.FromHours(8)), clock);
        await sla.LoadAsync(CancellationToken.None);
        var waiting = Snapshot(id, ConversationStatus.Queued, FridayFive, FridayFive);

        Assert.Null(await sla.OutOfHoursAsync(waiting, FridayFive)); // Friday 17:00 Moscow: open
        var fridayNight = FridayFive.AddHours(3); // 20:00 Moscow
        var due = await sla.OutOfHoursAsync(waiting, fridayNight);
        var tuesdayNine = new DateTimeOffset(2026, 5, 12, 6, 0, 0, TimeSpan.Zero); // Monday is a holiday
        Assert.Equal(tuesdayNine, due!.Value.Opening);
        Assert.Equal("office", due.Value.Schedule);
        Assert.Equal("Здравствуйте! Сейчас операторы не работают. Они вернутся 12.05.2026 в 09:00 (время Europe/Moscow). Ваше сообщение сохранено, мы ответим.",
            OutOfHoursTexts.Answer(OutOfHoursTexts.LanguageOf(null, "где мой заказ"), due.Value.Opening, due.Value.Hours));
        Assert.Contains("12.05.2026 о 09:00", OutOfHoursTexts.Answer(OutOfHoursTexts.LanguageOf(null, "де моє замовлення? дякую, ї"), due.Value.Opening, due.Value.Hours), StringComparison.Ordinal);
        Assert.Contains("2026-05-12 at 09:00", OutOfHoursTexts.Answer(OutOfHoursTexts.LanguageOf("en", "где"), due.Value.Opening, due.Value.Hours), StringComparison.Ordinal);
        await CommitAsync(sla, waiting, [sla.OutOfHoursRow(fridayNight, due.Value.Opening, due.Value.Policy, ConversationPriority.Normal)]);

        // The same closed period (the weekend, the holiday): not again, after a restart neither.
        Assert.Null(await sla.OutOfHoursAsync(waiting, new DateTimeOffset(2026, 5, 11, 12, 0, 0, TimeSpan.Zero)));
        var (restarted, _) = Conversation(id, Office(TimeSpan.FromHours(2), TimeSpan.FromHours(8)), clock);
        await restarted.LoadAsync(CancellationToken.None);
        Assert.Null(await restarted.OutOfHoursAsync(waiting, new DateTimeOffset(2026, 5, 9, 12, 0, 0, TimeSpan.Zero)));
        Assert.Null(await restarted.OutOfHoursAsync(waiting, tuesdayNine.AddHours(1))); // open

        // Tuesday 19:00 Moscow: the next closed period, answered again (back Wednesday 09:00).
        var next = await restarted.OutOfHoursAsync(waiting, new DateTimeOffset(2026, 5, 12, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 5, 13, 6, 0, 0, TimeSpan.Zero), next!.Value.Opening);
    }

    private static TimelineMessage Reply(Guid id, Guid? operatorId, DateTimeOffset at) =>
        new(Guid.NewGuid(), id, 2, MessageKind.Outbound, "api", "api:c1", null, "hello", operatorId, operatorId is null ? "bot" : "Olga",
            DeliveryState.Queued, null, at, at);
}
