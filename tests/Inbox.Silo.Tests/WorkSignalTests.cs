using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Domain.Work;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>A silo with no bot and no dispatcher beside it still starts conversations with the bot and wakes the nodes that do the work.</summary>
[Collection(BotFirstClusterCollection.Name)]
public sealed class WorkSignalTests(BotFirstClusterFixture fixture)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static IncomingMessage Incoming(string externalId, string text = "where is my order?") =>
        new("api", externalId, "api:c1", "Ivan", text, DateTimeOffset.UtcNow);

    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    [Fact]
    public async Task A_conversation_starts_with_the_bot_and_a_subscribed_node_is_asked_to_answer_and_to_deliver_once()
    {
        var node = new FakeWorkNode();
        var reference = fixture.Grains.CreateObjectReference<IWorkObserver>(node);
        var registry = fixture.Grains.GetGrain<IWorkSubscribersGrain>(0);
        await registry.SubscribeAsync(reference, new WorkCapabilities(RunsBot: true, DeliversOutbox: true));
        try
        {
            var id = Guid.NewGuid();
            var grain = fixture.Grains.GetGrain<IConversationGrain>(id);

            var received = await grain.ReceiveAsync(Incoming($"{id}-1"));

            Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);
            using var wait = new CancellationTokenSource(Generous);
            (Guid Conversation, Guid Message) asked;
            do
            {
                asked = await node.BotRequests.Reader.ReadAsync(wait.Token);
            }
            while (asked.Message != received.Message.MessageId);

            Assert.Equal(id, asked.Conversation);

            // The node answers; a second answer to the same message (another node, a sweep) is refused.
            var turn = new BotTurnRecord(asked.Message, new BotDecisionInfo("order_status", 0.9, null, "en"), ["It ships today."], null, "", []);
            Assert.True(await grain.RecordBotTurnAsync(turn));
            Assert.False(await grain.RecordBotTurnAsync(turn));

            // The bot's reply is queued in the outbox, and the outbox nodes are woken for it.
            Assert.True(await node.OutboxWakeUps.Reader.ReadAsync(wait.Token));
            var timeline = await Queries.GetTimelineAsync(id, null, 10);
            Assert.Single(timeline.Messages, m => m.Kind == MessageKind.Outbound && m.Text == "It ships today.");
        }
        finally
        {
            await registry.UnsubscribeAsync(reference);
            fixture.Grains.DeleteObjectReference<IWorkObserver>(reference);
        }
    }

    [Fact]
    public async Task With_no_node_that_runs_the_bot_the_message_waits_in_the_store()
    {
        var id = Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);

        var received = await grain.ReceiveAsync(Incoming($"{id}-1"));

        Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);
        Assert.Contains((id, received.Message.MessageId), await Queries.ListAwaitingBotAsync(1000));
    }
}
