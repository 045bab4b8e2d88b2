using System.Net;
using System.Text;
using Inbox.Connectors.Api;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>POST /api/v1/inbound on a real Kestrel: authenticity first, validation, durability, de-duplication.</summary>
public sealed class InboundApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    [Fact]
    public async Task A_posted_message_is_in_the_conversation_the_answer_names()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var externalId = $"crm-{Guid.NewGuid():N}";

        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order 1048576?", externalId: externalId, name: "Ivan");

        Assert.False(accepted.Duplicate);
        Assert.Equal(1, accepted.Sequence);
        using var op = await Server.OperatorClientAsync();
        var details = await op.ConversationAsync(accepted.ConversationId);
        var message = Assert.Single(details.Messages);
        Assert.Equal(accepted.MessageId, message.MessageId);
        Assert.Equal("Where is my order 1048576?", message.Text);
        Assert.Equal(MessageKind.Inbound, message.Kind);
        Assert.Equal($"api:{externalId}", message.Identity);
        Assert.Equal("Ivan", details.Customer!.Name);
        Assert.Equal(ConversationStatus.Queued, details.Conversation.Status);
    }

    [Fact]
    public async Task The_same_message_id_twice_answers_duplicate_and_stores_one_message()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var messageId = $"m-{Guid.NewGuid():N}";
        var externalId = $"crm-{Guid.NewGuid():N}";

        var first = await api.SendInboundAsync(messageId, "hello", externalId: externalId);
        var second = await api.SendInboundAsync(messageId, "hello", externalId: externalId);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.MessageId, second.MessageId);
        using var op = await Server.OperatorClientAsync();
        Assert.Single((await op.ConversationAsync(first.ConversationId)).Messages);
    }

    [Fact]
    public async Task One_phone_number_in_three_writings_is_one_customer_and_one_timeline()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var suffix = Random.Shared.Next(10, 99);
        var writings = new[] { $"8 916 555-12-{suffix}", $"+7 (916) 555-12-{suffix}", $"7916555 12{suffix}" };

        var answers = new List<ApiInboundResponse>();
        foreach (var phone in writings)
        {
            answers.Add(await api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"from {phone}", phone: phone));
        }

        Assert.Single(answers.Select(a => a.CustomerId).Distinct());
        Assert.Equal([1L, 2, 3], answers.Select(a => a.Sequence));
        using var op = await Server.OperatorClientAsync();
        var details = await op.ConversationAsync(answers[0].ConversationId);
        Assert.Equal(3, details.Messages.Count);
        Assert.Equal([$"phone:+791655512{suffix}"], details.Customer!.Identities.Select(i => i.ToString()));
    }

    [Fact]
    public async Task Twenty_messages_at_once_from_a_new_customer_are_all_accepted_into_one_timeline()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var externalId = $"crm-{Guid.NewGuid():N}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"burst {i}", externalId: externalId, name: "Ivan")));

        Assert.Single(answers.Select(a => a.CustomerId).Distinct());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), answers.Select(a => a.Sequence).Order());
        using var op = await Server.OperatorClientAsync();
        var details = await op.ConversationAsync(answers[0].ConversationId);
        Assert.Equal(20, details.Messages.Count);
        Assert.Equal([$"api:{externalId}"], details.Customer!.Identities.Select(i => i.ToString()));
    }

    [Fact]
    public async Task A_first_message_delivered_several_times_at_once_is_stored_once_and_every_answer_names_its_customer()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var (externalId, messageId) = ($"crm-{Guid.NewGuid():N}", $"m-{Guid.NewGuid():N}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.SendInboundAsync(messageId, "hello", externalId: externalId, name: "Ivan")));

        Assert.Single(answers, a => !a.Duplicate);
        Assert.Single(answers.Select(a => (a.CustomerId, a.ConversationId, a.MessageId, a.Sequence)).Distinct());
        using var op = await Server.OperatorClientAsync();
        var details = await op.ConversationAsync(answers[0].ConversationId);
        Assert.Single(details.Messages);
        Assert.Equal(answers[0].CustomerId, details.Customer!.CustomerId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    [InlineData("Bearer")]
    [InlineData("test-api-token")]
    public async Task A_request_without_the_token_is_refused_before_its_body_is_read(string? authorization)
    {
        using var client = Server.Client();
        var before = await CountConversationsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/inbound")
        {
            // Not even JSON: a 401 proves that the body was not looked at.
            Content = new StringContent("this is not json", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await CountConversationsAsync());
    }

    public static TheoryData<string, string, HttpStatusCode> BadBodies => new()
    {
        { "application/json", "not json at all", HttpStatusCode.BadRequest },
        { "application/json", "{\"messageId\": 5, \"text\": []}", HttpStatusCode.BadRequest },
        { "application/json", "", HttpStatusCode.BadRequest },
        { "application/json", "null", HttpStatusCode.BadRequest },
        { "application/json", "{}", HttpStatusCode.BadRequest },
        { "application/json", "{\"messageId\":\"x1\",\"text\":\"hi\"}", HttpStatusCode.BadRequest },
        { "application/json", "{\"messageId\":\"x2\",\"customer\":{\"phone\":\"anonymous\"},\"text\":\"hi\"}", HttpStatusCode.BadRequest },
        { "application/json", "{\"messageId\":\"x3\",\"customer\":{\"externalId\":\"c\"},\"text\":\"\"}", HttpStatusCode.BadRequest },
        { "text/plain", "{\"messageId\":\"x4\",\"customer\":{\"externalId\":\"c\"},\"text\":\"hi\"}", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_a_clear_4xx_and_changes_nothing(string contentType, string body, HttpStatusCode expected)
    {
        using var api = Server.Client(InboxServer.ApiToken);
        var before = await CountConversationsAsync();

        var response = await api.PostAsync("/api/v1/inbound", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.Equal(before, await CountConversationsAsync());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused()
    {
        using var api = Server.Client(InboxServer.ApiToken);
        // As a careful client sends a large body: the headers first, the body only if asked for. Kestrel refuses a body
        // longer than the limit from its Content-Length and closes the connection; a client already writing the 2 MB
        // would see that as a broken pipe instead of the 413, depending on timing.
        api.DefaultRequestHeaders.ExpectContinue = true;
        var huge = new string('x', 2 * 1024 * 1024);
        var response = await api.PostAsync("/api/v1/inbound", new StringContent($"{{\"messageId\":\"big\",\"customer\":{{\"externalId\":\"c\"}},\"text\":\"{huge}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private async Task<int> CountConversationsAsync()
    {
        using var op = await Server.OperatorClientAsync("supervisor");
        return (await op.ConversationsAsync("?limit=1")).Total;
    }
}
