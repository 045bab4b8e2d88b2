using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>
/// With the bot answering first, a rating neither reopens the conversation to the bot nor leaves the bot anything to answer;
/// other text does both. (What the bot owes is what its sweep finds, <see cref="IConversationQueries.ListAwaitingBotAsync"/>;
/// the wake-up signal goes out only for a message the conversation takes in <c>bot</c> status.)
/// </summary>
[Collection(BotFirstClusterCollection.Name)]
public sealed class CsatBotFirstTests(BotFirstClusterFixture fixture)
{
    private IConversationQueries Queries => fixture.SiloServices.GetRequiredService<IConversationQueries>();

    [Fact]
    public async Task A_rating_does_not_wake_the_bot_and_the_next_real_message_does()
    {
        var id = Guid.NewGuid();
        var identity = $"vk:{id.GetHashCode() & 0x7fffffff}";
        await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([ChannelIdentity.Parse(identity)], "Ivan");
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(new IncomingMessage("vk", $"{id}-1", identity, "Ivan", "Где заказ?", DateTimeOffset.UtcNow));
        Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);
        await grain.ResolveAsync(new ActingOperator(Guid.NewGuid(), "Olga", Supervisor: true));

        // VK's text buttons send the label: a bare digit.
        var rating = await grain.ReceiveAsync(new IncomingMessage("vk", $"{id}-2", identity, "Ivan", "3", DateTimeOffset.UtcNow));

        Assert.Equal(TimelineActions.CsatRated, rating.Message.Metadata![TimelineActions.Key]);
        Assert.Equal(ConversationStatus.Resolved, (await grain.GetAsync())!.Status);
        Assert.DoesNotContain(await Queries.ListAwaitingBotAsync(10_000), a => a.ConversationId == id);

        var again = await grain.ReceiveAsync(new IncomingMessage("vk", $"{id}-3", identity, "Ivan", "А ещё вопрос", DateTimeOffset.UtcNow));

        Assert.Equal(ConversationStatus.Bot, (await grain.GetAsync())!.Status);
        Assert.Contains(await Queries.ListAwaitingBotAsync(10_000), a => a.ConversationId == id && a.MessageId == again.Message.MessageId);
    }
}
