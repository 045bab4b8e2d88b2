using System.Net;
using System.Net.Http.Json;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>Replies go through the outbox to the API channel's signed callback, with retries and visible delivery states.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private FakeCallbackServer _callback = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync() => (_callback, _server) = await StartAsync(new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "4" });

    /// <summary>A node whose API channel calls back a fake server, with the settings given on top.</summary>
    internal static async Task<(FakeCallbackServer Callback, InboxServer Server)> StartAsync(Dictionary<string, string?> settings)
    {
        var callback = await FakeCallbackServer.StartAsync();
        settings["Channels:Api:CallbackUrl"] = callback.Url;
        settings["Channels:Api:CallbackSecret"] = FakeCallbackServer.Secret;
        return (callback, await InboxServer.StartAsync(settings));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _callback.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_is_delivered_signed_and_its_state_becomes_sent_live()
    {
        var (conversationId, externalId) = await CustomerWritesAsync();
        await using var hub = await _server.ConnectHubAsync("operator");
        var live = new LiveEventCollector(hub);
        using var op = await _server.OperatorClientAsync();

        var reply = await op.ReplyAsync(conversationId, "Your order 1048576 ships today.");

        Assert.Equal(DeliveryState.Queued, reply.Delivery);
        var sent = await live.WaitForAsync(e => e.Type == LiveEventTypes.MessageDelivery && e.Message!.MessageId == reply.MessageId);
        Assert.Equal(DeliveryState.Sent, sent.Message!.Delivery);
        var (payload, signatureValid) = Assert.Single(_callback.Received, r => r.Payload.MessageId == reply.MessageId);
        Assert.True(signatureValid);
        Assert.Equal($"api:{externalId}", payload.Recipient);
        Assert.Equal("Your order 1048576 ships today.", payload.Text);
        var timeline = await op.ConversationAsync(conversationId);
        Assert.Equal(DeliveryState.Sent, timeline.Messages.Single(m => m.MessageId == reply.MessageId).Delivery);
    }

    [Fact]
    public async Task A_failing_callback_is_retried_with_the_same_message_id_and_the_retry_is_visible()
    {
        var (conversationId, _) = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        _callback.AnswerNext(503, 500);

        var reply = await op.ReplyAsync(conversationId, "Retried until it gets through.");

        var delivered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        Assert.Equal(DeliveryState.Sent, delivered.Messages.Single(m => m.MessageId == reply.MessageId).Delivery);
        Assert.Equal(3, _callback.Received.Count(r => r.Payload.MessageId == reply.MessageId));
        Assert.Equal([1, 2, 3], _callback.Received.Where(r => r.Payload.MessageId == reply.MessageId).Select(r => r.Payload.Attempt));
        var events = await op.GetFromJsonAsync<List<LiveEvent>>($"/api/v1/conversations/{conversationId}/events?after=0", Inbox.Domain.InboxJson.Options);
        var states = events!.Where(e => e.Message?.MessageId == reply.MessageId).Select(e => (e.Message!.Delivery, e.Message.DeliveryError)).ToList();
        Assert.Equal(DeliveryState.Queued, states[1].Delivery);
        Assert.Contains("HTTP 503", states[1].DeliveryError);
        Assert.Contains("HTTP 500", states[2].DeliveryError);
        Assert.Equal((DeliveryState.Sent, null), states[^1]);
    }

    [Fact]
    public async Task A_refused_callback_fails_at_once_with_a_reason()
    {
        var (conversationId, _) = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        _callback.AnswerNext(400);

        var reply = await op.ReplyAsync(conversationId, "This one is refused.");

        var details = await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Failed);
        var failed = details.Messages.Single(m => m.MessageId == reply.MessageId);
        Assert.Equal(DeliveryState.Failed, failed.Delivery);
        Assert.Contains("HTTP 400", failed.DeliveryError);
        Assert.Single(_callback.Received, r => r.Payload.MessageId == reply.MessageId);
    }

    [Fact]
    public async Task After_the_last_attempt_the_reply_fails_and_says_why()
    {
        var (conversationId, _) = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        _callback.AnswerNext(503, 503, 503, 503);

        var reply = await op.ReplyAsync(conversationId, "Never gets through.");

        var details = await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Failed);
        var failed = details.Messages.Single(m => m.MessageId == reply.MessageId);
        Assert.Equal(DeliveryState.Failed, failed.Delivery);
        Assert.Contains("gave up after 4 attempts", failed.DeliveryError);
        Assert.Equal(4, _callback.Received.Count(r => r.Payload.MessageId == reply.MessageId));
    }

    [Fact]
    public async Task The_integrators_receipt_marks_the_reply_delivered_and_an_unknown_one_is_404()
    {
        var (conversationId, _) = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        var reply = await op.ReplyAsync(conversationId, "Please confirm.");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(conversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        using var api = _server.Client(InboxServer.ApiToken);

        var receipt = await api.PostAsJsonAsync($"/api/v1/outbound/{reply.MessageId}/status", new { status = "delivered" });
        var unknown = await api.PostAsJsonAsync($"/api/v1/outbound/{Guid.NewGuid()}/status", new { status = "delivered" });
        var bad = await api.PostAsJsonAsync($"/api/v1/outbound/{reply.MessageId}/status", new { status = "read-by-cat" });
        using var anonymous = _server.Client();
        var unauthorized = await anonymous.PostAsJsonAsync($"/api/v1/outbound/{reply.MessageId}/status", new { status = "failed" });

        Assert.Equal(HttpStatusCode.NoContent, receipt.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        var details = await op.ConversationAsync(conversationId);
        Assert.Equal(DeliveryState.Delivered, details.Messages.Single(m => m.MessageId == reply.MessageId).Delivery);
    }

    private async Task<(Guid ConversationId, string ExternalId)> CustomerWritesAsync()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        var externalId = $"c-{Guid.NewGuid():N}";
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order 1048576?", externalId: externalId);
        return (accepted.ConversationId, externalId);
    }
}
