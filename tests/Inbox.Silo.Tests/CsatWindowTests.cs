using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Silo.Tests;

/// <summary>An answer after <c>Csat:AnswerWindow</c> is an ordinary message: it reopens the conversation as any other.</summary>
[Collection(CsatWindowClusterCollection.Name)]
public sealed class CsatWindowTests(CsatWindowClusterFixture fixture)
{
    [Fact]
    public async Task A_button_press_after_the_window_is_the_digit_it_shows_and_reopens_the_conversation()
    {
        var id = Guid.NewGuid();
        await fixture.Grains.GetGrain<ICustomerGrain>(id).AttachAsync([ChannelIdentity.Parse($"telegram:{id.GetHashCode() & 0x7fffffff}")], "Ivan");
        var identity = $"telegram:{id.GetHashCode() & 0x7fffffff}";
        var grain = fixture.Grains.GetGrain<IConversationGrain>(id);
        await grain.ReceiveAsync(new IncomingMessage("telegram", $"{id}-1", identity, "Ivan", "Где заказ?", DateTimeOffset.UtcNow));
        await grain.ResolveAsync(new ActingOperator(Guid.NewGuid(), "Olga", Supervisor: false));
        var queries = fixture.SiloServices.GetRequiredService<IConversationQueries>();
        var asked = (await queries.GetTimelineAsync(id, null, 10)).Messages.Single(m => m.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.CsatRequested);
        while (DateTimeOffset.UtcNow - asked.CreatedAt <= TimeSpan.FromSeconds(1.1))
        {
            await Task.Delay(100); // the clock only moves forward: past the window, the press is late whatever the machine's load
        }

        var late = await grain.ReceiveAsync(new IncomingMessage("telegram", "callback:late", identity, "Ivan", "csat:4", DateTimeOffset.UtcNow));

        Assert.Equal(MessageKind.Inbound, late.Message.Kind);
        Assert.Equal("4", late.Message.Text);
        Assert.Equal(ConversationStatus.Queued, (await grain.GetAsync())!.Status);
        Assert.DoesNotContain((await queries.GetTimelineAsync(id, null, 10)).Messages, m => m.Metadata?.GetValueOrDefault(TimelineActions.Key) == TimelineActions.CsatRated);
    }
}
