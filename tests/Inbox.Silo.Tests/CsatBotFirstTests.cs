using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Work;
using Inbox.Identity;

namespace Inbox.Silo.Tests;

/// <summary>With the bot answering first, a rating neither reopens the conversation to the bot nor wakes it; other text does.</summary>
[Collection(BotFirstClusterCollection.Name)]
public sealed class CsatBotFirstTests(BotFirstClusterFixture fixture)
{
    [Fact]
    public async Task A_rating_does_not_wake_the_bot_and_the_next_real_message_does()
    {
        var node = new FakeWorkNode();
        var reference = fixture.Grains.CreateObjectReference<IWorkObserver>(node);
        var registry = fixture.Grains.GetGrain<IWorkSubscribersGrain>(0);
        await registry.SubscribeAsync(reference, new WorkCapabilities(RunsBot: true, DeliversOutbox: false));
        try
        {
            var id = Guid.NewGuid();
            var identity = $"vk:{id.GetHashCode() & 0x7fffffff}";
            await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([ChannelIdentity.Parse(identity)], "Ivan");
            var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
            var first = await grain.ReceiveAsync(new IncomingMessage("vk", $"{id}-1", identity, "Ivan", "Где заказ?", DateTimeOffset.UtcNow));
            await grain.ResolveAsync(new ActingOperator(Guid.NewGuid(), "Olga", Supervisor: true));

            // VK's text buttons send the label: a bare digit.
            var rating = await grain.ReceiveAsync(new IncomingMessage("vk", $"{id}-2", identity, "Ivan", "3", DateTimeOffset.UtcNow));
            Assert.Equal(TimelineActions.CsatRated, rating.Message.Metadata![TimelineActions.Key]);
            Assert.Equal(ConversationStatus.Resolved, (await grain.GetAsync())!.Status);

            var again = await grain.ReceiveAsync(new IncomingMessage("vk", $"{id}-3", identity, "Ivan", "А ещё вопрос", DateTimeOffset.UtcNow));
            Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);

            // The bot was asked about the first message and the reopening one, and about nothing else.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var asked = new List<Guid>();
            while (!asked.Contains(again.Message.MessageId) || !asked.Contains(first.Message.MessageId))
            {
                var request = await node.BotRequests.Reader.ReadAsync(wait.Token);
                if (request.Conversation == id)
                {
                    asked.Add(request.Message);
                }
            }

            Assert.Equal(new HashSet<Guid> { first.Message.MessageId, again.Message.MessageId }, asked.ToHashSet());
            Assert.Equal(2, asked.Count);
        }
        finally
        {
            await registry.UnsubscribeAsync(reference);
            fixture.Grains.DeleteObjectReference<IWorkObserver>(reference);
        }
    }
}
