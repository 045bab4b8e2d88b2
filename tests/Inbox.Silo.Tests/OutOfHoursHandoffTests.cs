using System.Globalization;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// The out-of-hours answer when the bot hands a conversation over while the schedule is closed (bot on, the schedule of
/// <see cref="OutOfHoursGrainTests"/>): after the bot's own reply, one answer in the language the bot decided.
/// </summary>
public sealed class OutOfHoursHandoffTests(OutOfHoursHandoffTests.Fixture fixture) : IClassFixture<OutOfHoursHandoffTests.Fixture>
{
    public sealed class Fixture() : ClusterFixture(OutOfHoursGrainTests.Settings(bot: true));

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    [Fact]
    public async Task A_handoff_while_closed_is_answered_once_in_the_bots_language()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        var received = await grain.ReceiveAsync(new IncomingMessage("api", $"{id}-1", "api:c1", "Ivan", "my card was charged twice", DateTimeOffset.UtcNow));
        Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);
        Assert.DoesNotContain((await Queries.GetTimelineAsync(id, null, 100)).Messages, m => m.Kind == MessageKind.Outbound); // the bot answers first

        var handoff = new HandoffInfo("fraud", null, null, true, true, "Charged twice", 2, DateTimeOffset.UtcNow);
        var turn = new BotTurnRecord(received.Message.MessageId, new BotDecisionInfo("fraud", 0.9, null, "uk"), ["Передаю оператору."], handoff, "", []);
        Assert.True(await grain.RecordBotTurnAsync(turn));

        var state = (await grain.GetAsync())!;
        Assert.Equal(ConversationStatus.Queued, state.Status);
        Assert.NotNull(state.QueuedAt);
        var timeline = (await Queries.GetTimelineAsync(id, null, 100)).Messages.OrderBy(m => m.Sequence).ToList();
        var outbound = timeline.Where(m => m.Kind == MessageKind.Outbound).ToList();
        Assert.Equal(["bot", "system"], outbound.Select(m => m.AuthorName));
        var back = OutOfHoursGrainTests.Today.AddDays(3).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"Вітаємо! Зараз оператори не працюють. Вони повернуться {back} о 00:00 (час Etc/UTC). Ваше повідомлення збережено, ми відповімо.", outbound[1].Text);
        Assert.Single(timeline, m => m.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.OutOfHours);

        // The customer writes again in the same closed period (the conversation is queued now): nothing more.
        await grain.ReceiveAsync(new IncomingMessage("api", $"{id}-2", "api:c1", "Ivan", "hello?", DateTimeOffset.UtcNow));
        Assert.Equal(2, (await Queries.GetTimelineAsync(id, null, 100)).Messages.Count(m => m.Kind == MessageKind.Outbound));
    }
}
