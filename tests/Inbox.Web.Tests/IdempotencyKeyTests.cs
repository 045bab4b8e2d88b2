using System.Net;
using System.Net.Http.Json;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// An <c>Idempotency-Key</c> on reply and note (issue 15): a double click or a retry stores and sends the item once and
/// answers with the first; the same key with another request is 422; without the header nothing changes.
/// </summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private FakeCallbackServer _callback = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync() => (_callback, _server) = await OutboxTests.StartAsync([]);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _callback.DisposeAsync();
    }

    [Fact]
    public async Task Two_concurrent_replies_with_one_key_store_and_send_one_message()
    {
        var id = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Sent once" }, key),
            PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Sent once" }, key));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var first = await answers[0].ReadAsync<TimelineMessage>();
        var second = await answers[1].ReadAsync<TimelineMessage>();
        Assert.Equal(first.MessageId, second.MessageId);
        var delivered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(id),
            d => d.Messages.Single(m => m.MessageId == first.MessageId).Delivery == DeliveryState.Sent);
        Assert.Single(delivered.Messages, m => m.Kind == MessageKind.Outbound && m.Text == "Sent once");
        Assert.Single(_callback.Received, r => r.Payload.Text == "Sent once");
        var events = await op.GetFromJsonAsync<List<LiveEvent>>($"/api/v1/conversations/{id}/events?after=0", Inbox.Domain.InboxJson.Options);
        Assert.Single(events!, e => e.Type == LiveEventTypes.MessageCreated && e.Message?.Text == "Sent once");
    }

    [Fact]
    public async Task A_retry_after_the_answer_gets_the_first_reply_and_another_body_is_422()
    {
        var id = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        var key = Guid.NewGuid().ToString();

        var first = await (await PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Once only" }, key)).ReadAsync<TimelineMessage>();
        var retry = await PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Once only" }, key);
        var changed = await PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Something else" }, key);
        var asNote = await PostAsync(op, $"/api/v1/conversations/{id}/notes", new { text = "Once only" }, key);
        var withoutKey = await PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Once only" }, null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(first.MessageId, (await retry.ReadAsync<TimelineMessage>()).MessageId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asNote.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withoutKey.StatusCode);
        Assert.NotEqual(first.MessageId, (await withoutKey.ReadAsync<TimelineMessage>()).MessageId);
        var timeline = await op.ConversationAsync(id);
        Assert.Equal(2, timeline.Messages.Count(m => m.Kind == MessageKind.Outbound && m.Text == "Once only"));
        Assert.DoesNotContain(timeline.Messages, m => m.Text == "Something else");
        Assert.DoesNotContain(timeline.Messages, m => m.Kind == MessageKind.Note);
    }

    [Fact]
    public async Task A_repeated_note_is_stored_once_and_keys_are_per_operator()
    {
        var id = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync("operator");
        using var supervisor = await _server.OperatorClientAsync("supervisor");
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(PostAsync(op, $"/api/v1/conversations/{id}/notes", new { text = "Check the order" }, key),
            PostAsync(op, $"/api/v1/conversations/{id}/notes", new { text = "Check the order" }, key));
        var retry = await PostAsync(op, $"/api/v1/conversations/{id}/notes", new { text = "Check the order" }, key);
        var colleague = await PostAsync(supervisor, $"/api/v1/conversations/{id}/notes", new { text = "Check the order" }, key);

        Assert.All(answers.Append(retry).Append(colleague), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var first = await answers[0].ReadAsync<TimelineMessage>();
        Assert.Equal(first.MessageId, (await answers[1].ReadAsync<TimelineMessage>()).MessageId);
        Assert.Equal(first.MessageId, (await retry.ReadAsync<TimelineMessage>()).MessageId);
        Assert.NotEqual(first.MessageId, (await colleague.ReadAsync<TimelineMessage>()).MessageId);
        var timeline = await op.ConversationAsync(id);
        Assert.Equal(2, timeline.Messages.Count(m => m.Kind == MessageKind.Note));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData(" ")]
    public async Task A_malformed_key_is_400_and_nothing_is_stored(string key)
    {
        var id = await CustomerWritesAsync();
        using var op = await _server.OperatorClientAsync();
        var tooLong = new string('k', 101);

        var malformed = await PostAsync(op, $"/api/v1/conversations/{id}/messages", new { text = "Not sent" }, key);
        var longKey = await PostAsync(op, $"/api/v1/conversations/{id}/notes", new { text = "Not stored" }, tooLong);
        var longest = await PostAsync(op, $"/api/v1/conversations/{id}/notes", new { text = "Stored" }, tooLong[..100]);

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, longKey.StatusCode);
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        var timeline = await op.ConversationAsync(id);
        Assert.DoesNotContain(timeline.Messages, m => m.Text is "Not sent" or "Not stored");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    private async Task<Guid> CustomerWritesAsync()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order 1048576?", externalId: $"c-{Guid.NewGuid():N}");
        return accepted.ConversationId;
    }
}
