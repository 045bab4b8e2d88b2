using System.Net;
using System.Net.Http.Json;
using Inbox.Connectors;
using Inbox.Domain;
using Inbox.Domain.CannedReplies;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Identity;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Web.Tests;

/// <summary>
/// The server side of the console's open conversation (issue 15): the timeline's pages in time order across the sources of
/// a merged customer, canned replies (operators read, supervisors write), and labels set by an operator.
/// </summary>
public sealed class ConversationPartApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InboxServer Server => fixture.Server;

    private Task<InboundAcceptance> WriteAsync(string channel, ChannelIdentity from, string text) =>
        Server.Services.GetRequiredService<IInboundPipeline>().AcceptAsync(
            new InboundMessage(channel, $"{channel}-{Guid.NewGuid():N}", [from], null, text, DateTimeOffset.UtcNow), CancellationToken.None);

    private static string Unique() => Random.Shared.Next(1_000_000, 9_999_999).ToString();

    [Fact]
    public async Task A_merged_timeline_comes_in_pages_in_the_order_things_happened_nothing_lost_or_doubled()
    {
        var n = Unique();
        var telegram = new ChannelIdentity("telegram", n);
        var vk = new ChannelIdentity("vk", n);
        var a = await WriteAsync("telegram", telegram, "a1");
        await WriteAsync("telegram", telegram, "a2");
        await WriteAsync("telegram", telegram, "a3");
        var b = await WriteAsync("vk", vk, "b1"); // sequence 1 of its own conversation, like a1
        await WriteAsync("vk", vk, "b2");
        await WriteAsync("telegram", telegram, "a4");
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        (await supervisor.PostAsJsonAsync($"/api/v1/customers/{a.CustomerId}/merge", new { customerId = b.CustomerId })).EnsureSuccessStatusCode();

        var seen = new List<TimelineMessage>();
        string? before = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/conversations/{a.ConversationId}/messages?limit=2" + (before is null ? "" : $"&before={Uri.EscapeDataString(before)}");
            var page = (await supervisor.GetFromJsonAsync<TimelinePage>(url, InboxJson.Options))!;
            Assert.True(page.Messages.Count <= 2);
            seen.InsertRange(0, page.Messages); // each page is older than the one before, oldest first within it
            before = page.NextBefore;
            pages++;
        }
        while (before is not null && pages < 10);

        Assert.Equal(["a1", "a2", "a3", "b1", "b2", "a4"], seen.Select(m => m.Text));
        Assert.Equal(seen.Select(m => m.CreatedAt).Order(), seen.Select(m => m.CreatedAt));
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Supervisors_write_canned_replies_operators_read_them_and_bad_input_changes_nothing()
    {
        using var op = await Server.OperatorClientAsync("operator");
        using var supervisor = await Server.OperatorClientAsync("supervisor");
        using var admin = await Server.OperatorClientAsync("admin");
        var key = $"greet-{Unique()}";

        Assert.Equal(HttpStatusCode.Forbidden, (await op.PutAsJsonAsync($"/api/v1/canned-replies/{key}", new { text = "Hi" })).StatusCode);
        var created = await supervisor.PutAsJsonAsync($"/api/v1/canned-replies/{key}", new { title = "Greeting", text = "Hello, {customer.name}! Your order {order.number}." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var replies = (await op.GetFromJsonAsync<List<CannedReply>>("/api/v1/canned-replies", InboxJson.Options))!;
        var reply = Assert.Single(replies, r => r.Key == key);
        Assert.Equal("Greeting", reply.Title);
        Assert.Equal("Hello, {customer.name}! Your order {order.number}.", reply.Text);

        var changed = await admin.PutAsJsonAsync($"/api/v1/canned-replies/{key.ToUpperInvariant()}", new { text = "Good day, {customer.name}." });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        reply = Assert.Single((await op.GetFromJsonAsync<List<CannedReply>>("/api/v1/canned-replies", InboxJson.Options))!, r => r.Key == key);
        Assert.Equal(("Good day, {customer.name}.", key), (reply.Text, reply.Title)); // an empty title is the key

        foreach (var (badKey, body) in new (string, object)[]
        {
            ("has space", new { text = "x" }),
            ("-dash-first", new { text = "x" }),
            (new string('k', 41), new { text = "x" }),
            ($"ok-{Unique()}", new { text = "   " }),
            ($"ok-{Unique()}", new { text = new string('x', 4001) }),
            ($"ok-{Unique()}", new { title = "two\nlines", text = "x" }),
        })
        {
            var response = await supervisor.PutAsJsonAsync($"/api/v1/canned-replies/{Uri.EscapeDataString(badKey)}", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var after = (await op.GetFromJsonAsync<List<CannedReply>>("/api/v1/canned-replies", InboxJson.Options))!;
        Assert.DoesNotContain(after, r => r.Key.StartsWith("ok-", StringComparison.Ordinal) || r.Key.Contains(' ') || r.Key.Length > 40);
        Assert.Equal("Good day, {customer.name}.", after.Single(r => r.Key == key).Text);

        Assert.Equal(HttpStatusCode.Forbidden, (await op.DeleteAsync($"/api/v1/canned-replies/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/v1/canned-replies/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.DeleteAsync($"/api/v1/canned-replies/{key}")).StatusCode);
        Assert.DoesNotContain((await op.GetFromJsonAsync<List<CannedReply>>("/api/v1/canned-replies", InboxJson.Options))!, r => r.Key == key);
    }

    [Fact]
    public async Task An_operator_sets_labels_the_list_finds_them_and_bad_labels_change_nothing()
    {
        var n = Unique();
        var written = await WriteAsync("telegram", new ChannelIdentity("telegram", n), "label me");
        using var op = await Server.OperatorClientAsync("operator");
        var url = $"/api/v1/conversations/{written.ConversationId}/labels";
        var label = $"vip-{n}";

        var set = await op.PutAsJsonAsync(url, new { labels = new[] { label, " refund ", "Refund", "заказ 42" } });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal([label, "refund", "заказ 42"], (await set.ReadAsync<ConversationSnapshot>()).Labels);
        var found = await op.ConversationsAsync($"?status=queued,assigned,bot&label={Uri.EscapeDataString(label)}");
        Assert.Equal(written.ConversationId, Assert.Single(found.Items).Conversation.ConversationId);

        foreach (var bad in new object[]
        {
            new { labels = new[] { new string('x', 33) } },
            new { labels = new[] { "<b>bold</b>" } },
            new { labels = new[] { "" } },
            new { labels = Enumerable.Range(1, 21).Select(i => $"l{i}").ToArray() },
            new { },
        })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await op.PutAsJsonAsync(url, bad)).StatusCode);
        }

        Assert.Equal([label, "refund", "заказ 42"], (await op.ConversationAsync(written.ConversationId)).Conversation.Labels);
        var cleared = await op.PutAsJsonAsync(url, new { labels = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty((await op.ConversationAsync(written.ConversationId)).Conversation.Labels ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PutAsJsonAsync($"/api/v1/conversations/{Guid.NewGuid()}/labels", new { labels = new[] { "x" } })).StatusCode);
    }
}
