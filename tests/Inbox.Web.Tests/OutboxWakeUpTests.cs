using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// A queued reply wakes the outbox dispatchers through the cluster's work signals: with a poll interval of ten minutes,
/// a reply is still delivered at once.
/// </summary>
public sealed class OutboxWakeUpTests : IAsyncLifetime
{
    private FakeCallbackServer _callback = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync() => (_callback, _server) = await OutboxTests.StartAsync(new Dictionary<string, string?> { ["Outbox:PollInterval"] = "00:10:00" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _callback.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_is_delivered_without_waiting_for_the_outbox_poll()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order 1048576?", externalId: $"c-{Guid.NewGuid():N}");
        await using var hub = await _server.ConnectHubAsync("operator");
        var live = new LiveEventCollector(hub);
        using var op = await _server.OperatorClientAsync();

        // Twice: the first reply may meet the dispatcher's first round at start; the second can only come from a wake-up.
        foreach (var text in new[] { "Your order ships today.", "And it arrives tomorrow." })
        {
            var reply = await op.ReplyAsync(accepted.ConversationId, text);
            var sent = await live.WaitForAsync(e => e.Type == LiveEventTypes.MessageDelivery && e.Message!.MessageId == reply.MessageId);
            Assert.Equal(DeliveryState.Sent, sent.Message!.Delivery);
            Assert.Single(_callback.Received, r => r.Payload.MessageId == reply.MessageId);
        }
    }
}
