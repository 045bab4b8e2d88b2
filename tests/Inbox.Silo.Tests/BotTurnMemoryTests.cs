using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// Two messages of one conversation answered at the same time (two nodes) from the same memory: the conversation records the
/// first turn and refuses the second, which is answered again from the memory the first stored.
/// </summary>
[Collection(BotFirstClusterCollection.Name)]
public sealed class BotTurnMemoryTests(BotFirstClusterFixture fixture)
{
    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    [Fact]
    public async Task A_turn_answered_from_a_memory_another_turn_replaced_is_refused_and_recorded_once_answered_from_the_new_one()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        var first = await grain.ReceiveAsync(new IncomingMessage("telegram", $"{id}-1", "telegram:1", "Ivan", "привет", DateTimeOffset.UtcNow));
        var second = await grain.ReceiveAsync(new IncomingMessage("whatsapp", $"{id}-2", "phone:+79161234567", "Ivan", "где заказ?", DateTimeOffset.UtcNow));
        var before = (await grain.GetAsync())!.BotMemory ?? "";

        var firstTurn = Turn(first.Message.MessageId, "Hello! Type \"operator\" for a person.", """{"hintsSaid":["human-exit"]}""", before);
        var secondTurn = Turn(second.Message.MessageId, "Send the order number. Type \"operator\" for a person.", """{"hintsSaid":["human-exit"]}""", before);

        Assert.True(await grain.RecordBotTurnAsync(firstTurn));
        Assert.False(await grain.RecordBotTurnAsync(secondTurn));
        var stored = (await grain.GetAsync())!.BotMemory!;
        Assert.Equal("""{"hintsSaid":["human-exit"]}""", stored);

        var answeredAgain = Turn(second.Message.MessageId, "Send the order number.", """{"hintsSaid":["human-exit"],"awaitingOrderNumber":true}""", stored);
        Assert.True(await grain.RecordBotTurnAsync(answeredAgain));

        var timeline = await Queries.GetTimelineAsync(id, null, 20);
        Assert.Equal(["Hello! Type \"operator\" for a person.", "Send the order number."],
            timeline.Messages.Where(m => m.Kind == MessageKind.Outbound).Select(m => m.Text));
    }

    private static BotTurnRecord Turn(Guid messageId, string reply, string memory, string answeredFrom) =>
        new(messageId, new BotDecisionInfo("other", 0.9, null, "en"), [reply], null, memory, [], AnsweredFromMemory: answeredFrom);
}
