using System.Net;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// The conversation list for a working day (issue 15): the customer's last message as the preview, search by name, phone,
/// e-mail and order number, filters by status (resolved too) and channel, and the sort orders. The bot is off, so that
/// nothing but the test writes into these conversations.
/// </summary>
public sealed class ConversationSearchTests : IAsyncLifetime
{
    private InboxServer _server = null!;

    public async Task InitializeAsync() => _server = await InboxServer.StartAsync(new Dictionary<string, string?> { ["Chatbot:Enabled"] = "false" });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_preview_is_the_customers_last_message_kept_over_replies_and_notes()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync();
        var name = $"Preview {Guid.NewGuid():N}";
        var externalId = $"c-{Guid.NewGuid():N}";
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Where is my order 1048576?", externalId: externalId, name: name);
        var id = accepted.ConversationId;

        await op.ReplyAsync(id, "It ships today.");
        (await op.PostAsync($"/api/v1/conversations/{id}/notes", System.Net.Http.Json.JsonContent.Create(new { text = "Checked the order" }))).EnsureSuccessStatusCode();

        var item = Assert.Single((await op.ConversationsAsync($"?q={Uri.EscapeDataString(name)}")).Items);
        Assert.Equal("Where is my order 1048576?", item.Conversation.LastInboundPreview);
        Assert.Equal("It ships today.", item.Conversation.LastMessagePreview);
        Assert.NotNull(item.Conversation.LastInboundAt);
        Assert.True(item.Conversation.LastInboundAt < item.Conversation.LastMessageAt);

        await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Thanks, and the courier's phone?", externalId: externalId, name: name);
        var details = await op.ConversationAsync(id);
        Assert.Equal("Thanks, and the courier's phone?", details.Conversation.LastInboundPreview);
        Assert.Equal(details.Conversation.LastMessageAt, details.Conversation.LastInboundAt);
    }

    [Fact]
    public async Task The_list_is_searched_by_name_phone_email_and_order_number()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync("operator");
        var email = $"vera.{Guid.NewGuid():N}@example.com";
        var surname = $"Орлова{Random.Shared.Next(1000, 9999)}";
        var suffix = Random.Shared.Next(10, 99);
        var vera = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hi", phone: $"+7 916 555-44-{suffix}", email: email, name: $"Вера {surname}");
        // the demo order 7770001 names +7 903 555-00-11 and petr@example.com
        var petr = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "my order?", phone: "+7 903 555 00 11", name: "Пётр");

        async Task<IReadOnlyList<Guid>> Search(string q) =>
            (await op.ConversationsAsync($"?q={Uri.EscapeDataString(q)}&limit=200")).Items.Select(i => i.Conversation.ConversationId).ToList();

        Assert.Equal([vera.ConversationId], await Search(surname.ToLowerInvariant()));
        Assert.Equal([vera.ConversationId], await Search($"8 (916) 555 44 {suffix}"));
        Assert.Equal([vera.ConversationId], await Search(email.ToUpperInvariant()));
        Assert.Contains(petr.ConversationId, await Search("7770001"));
        Assert.DoesNotContain(vera.ConversationId, await Search("7770001"));
        Assert.Empty(await Search($"nobody-{Guid.NewGuid():N}"));
        Assert.Empty(await Search("nobody@nowhere"));
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync($"/api/v1/conversations?q={new string('a', 201)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?q=a%00")).StatusCode);
    }

    [Fact]
    public async Task Resolved_conversations_channel_and_sort_filter_the_list()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        using var op = await _server.OperatorClientAsync();
        var batch = $"Batch{Guid.NewGuid():N}";
        var ids = new List<Guid>();
        foreach (var n in new[] { "A", "B", "C" })
        {
            ids.Add((await api.SendInboundAsync($"m-{Guid.NewGuid():N}", $"question {n}", externalId: $"c-{Guid.NewGuid():N}", name: $"{batch} {n}")).ConversationId);
        }

        (await op.PostAsync($"/api/v1/conversations/{ids[1]}/resolve", null)).EnsureSuccessStatusCode();

        async Task<IReadOnlyList<Guid>> List(string query) =>
            (await op.ConversationsAsync($"?q={batch}&{query}")).Items.Select(i => i.Conversation.ConversationId).ToList();

        Assert.Equal([ids[1]], await List("status=resolved"));
        Assert.Equal([ids[0], ids[2]], await List("status=queued"));
        Assert.Equal([ids[0], ids[2]], await List("status=queued&sort=waiting"));
        Assert.Equal([ids[2], ids[0]], await List("status=queued&sort=newest"));
        Assert.Equal([ids[2], ids[1], ids[0]], await List("sort=newest"));
        Assert.Equal([ids[0], ids[1], ids[2]], await List("sort=oldest"));
        Assert.Equal(3, (await List("channel=API")).Count);
        Assert.Empty(await List("channel=telegram"));
        Assert.Empty(await List($"label=none-{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?sort=random")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?sort=default")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync("/api/v1/conversations?channel=tele%20gram")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.GetAsync($"/api/v1/conversations?label={new string('l', 101)}")).StatusCode);
    }

    [Fact]
    public async Task Supervisors_and_admins_search_too_and_anonymous_is_401()
    {
        using var api = _server.Client(InboxServer.ApiToken);
        var name = $"Roles {Guid.NewGuid():N}";
        var accepted = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "hello", externalId: $"c-{Guid.NewGuid():N}", name: name);
        using var anonymous = _server.Client();

        foreach (var login in new[] { "supervisor", "admin" })
        {
            using var client = await _server.OperatorClientAsync(login);
            var item = Assert.Single((await client.ConversationsAsync($"?q={Uri.EscapeDataString(name)}")).Items);
            Assert.Equal(accepted.ConversationId, item.Conversation.ConversationId);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/conversations?q={Uri.EscapeDataString(name)}")).StatusCode);
    }
}
