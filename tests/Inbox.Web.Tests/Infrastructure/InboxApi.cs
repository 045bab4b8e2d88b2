using System.Net.Http.Json;
using Inbox.Connectors.Api;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Storage;
using Inbox.Web.OperatorApi;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>The calls tests make, typed with the product's own records and JSON shape.</summary>
public static class InboxApi
{
    public static Task<HttpResponseMessage> PostInboundAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/inbound", body, InboxJson.Options);

    public static async Task<ApiInboundResponse> SendInboundAsync(this HttpClient client, string messageId, string text,
        string? externalId = null, string? phone = null, string? email = null, string? name = null)
    {
        var response = await client.PostInboundAsync(new { messageId, customer = new { externalId, phone, email, name }, text });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ApiInboundResponse>(InboxJson.Options))!;
    }

    public static async Task<ConversationDetails> ConversationAsync(this HttpClient client, Guid id, int limit = 200)
    {
        var response = await client.GetAsync($"/api/v1/conversations/{id}?limit={limit}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConversationDetails>(InboxJson.Options))!;
    }

    public static async Task<ConversationListPage> ConversationsAsync(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/conversations{query}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ConversationListPage>(InboxJson.Options))!;
    }

    public static async Task<TimelineMessage> ReplyAsync(this HttpClient client, Guid conversationId, string text, string? channel = null, string? identity = null)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text, channel, identity }, InboxJson.Options);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TimelineMessage>(InboxJson.Options))!;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(InboxJson.Options))!;

    /// <summary>Asks until <paramref name="done"/> holds, for at most 30 seconds: for effects of background work (the outbox).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    public static IReadOnlyList<LiveEvent> Ordered(this IEnumerable<LiveEvent> events) => events.OrderBy(e => e.Sequence).ToList();
}
