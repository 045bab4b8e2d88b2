using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Inbox.Console.Tests;

/// <summary>
/// The API calls the supervisor's console tests script their floor with: customers writing through the API channel,
/// operators taking, answering and resolving, a supervisor making a team. Each call must succeed.
/// </summary>
internal static class SupervisorConsoleApi
{
    /// <summary>A customer's message through <c>/api/v1/inbound</c>; the conversation's id.</summary>
    public static async Task<Guid> CustomerWritesAsync(InboxServer server, string phone, string name, string text)
    {
        using var api = server.Client(InboxServer.ApiToken);
        var response = await api.PostAsJsonAsync("/api/v1/inbound", new
        {
            messageId = "supervisor-" + Guid.NewGuid().ToString("N"),
            customer = new { phone, name },
            text,
        });
        await EnsureAsync(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("conversationId").GetGuid();
    }

    /// <summary>
    /// A team without automatic assignment (its queue stays as the test leaves it) serving e-mail only: routing sends the
    /// API channel's new conversations to no team (the first team whose skills cover a channel gets it), so only transfers fill it.
    /// </summary>
    public static async Task CreateTeamAsync(InboxServer server, string key, string name)
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        await EnsureAsync(await supervisor.PutAsJsonAsync($"/api/v1/teams/{key}", new { name, channels = new[] { "email" }, autoAssign = false }));
    }

    public static async Task TransferToTeamAsync(InboxServer server, Guid conversationId, string team, string note)
    {
        using var supervisor = await server.OperatorClientAsync("supervisor");
        await EnsureAsync(await supervisor.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/transfer", new { team, note }));
    }

    public static async Task TakeAsync(HttpClient operatorClient, Guid conversationId) =>
        await EnsureAsync(await operatorClient.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/assign", new { }));

    public static async Task ReplyAsync(HttpClient operatorClient, Guid conversationId, string text) =>
        await EnsureAsync(await operatorClient.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { text }));

    public static async Task ResolveAsync(HttpClient operatorClient, Guid conversationId) =>
        await EnsureAsync(await operatorClient.PostAsync($"/api/v1/conversations/{conversationId}/resolve", null));

    /// <summary>The conversation's status and assignee's id as the API says now.</summary>
    public static async Task<(string Status, Guid? AssigneeId, string? Team)> ConversationAsync(HttpClient client, Guid conversationId)
    {
        var response = await client.GetAsync($"/api/v1/conversations/{conversationId}?limit=1");
        await EnsureAsync(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var conversation = json.RootElement.GetProperty("conversation");
        var assignee = conversation.TryGetProperty("assigneeId", out var a) && a.ValueKind == JsonValueKind.String ? a.GetGuid() : (Guid?)null;
        var team = conversation.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return (conversation.GetProperty("status").GetString()!, assignee, team);
    }

    public static async Task<Guid> OperatorIdAsync(HttpClient operatorClient)
    {
        var response = await operatorClient.GetAsync("/api/v1/auth/me");
        await EnsureAsync(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("operatorId").GetGuid();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.NoContent))
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
