using System.Net.Http.Json;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The open conversation's history (issue 15): the newest page first, older pages as the operator scrolls up (with a sign
/// while they load and the beginning marked), a merged customer's timeline in the order things happened, Ctrl+Enter.
/// </summary>
public sealed class ConversationHistoryConsoleTests : ConsoleTestBase
{
    [Fact]
    public async Task Scrolling_up_loads_older_pages_until_the_beginning_keeping_the_place()
    {
        const string phone = "+7 916 701-00-01";
        using (var api = Server.Client(InboxServer.ApiToken))
        {
            for (var i = 1; i <= 120; i++)
            {
                await PostInboundAsync(api, new { phone, name = "Long Story" }, $"History {i:000}");
            }
        }

        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Long Story" }).ClickAsync();

        var items = Page.Locator("#timeline li[data-message-id]");
        await Expect(Page.Locator("#timeline li", new() { HasText = "History 120" })).ToBeInViewportAsync(new() { Timeout = 20_000 });
        await Expect(items).ToHaveCountAsync(50, new() { Timeout = 20_000 });
        await Expect(Page.Locator("#history-start")).ToHaveCountAsync(0);

        // The older page is held back until the test has seen the loading sign.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync("**/messages?before=*", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        var timeline = Page.Locator("#timeline");
        await timeline.EvaluateAsync("e => { e.scrollTop = 0; }");
        await Expect(Page.Locator("#history-loading")).ToHaveTextAsync("Loading older messages…", HasText);
        await ScreenshotAsync(Page, "conversation-history-loading");
        release.SetResult();
        await Expect(items).ToHaveCountAsync(100, new() { Timeout = 20_000 });
        // The place is kept: the item that was at the top is still in view, not pushed away by the older page.
        await Expect(Page.Locator("#timeline li", new() { HasText = "History 071" })).ToBeInViewportAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#history-loading")).ToHaveCountAsync(0);

        await timeline.EvaluateAsync("e => { e.scrollTop = 0; }");
        await Expect(items).ToHaveCountAsync(120, new() { Timeout = 20_000 });
        await Expect(Page.Locator("#history-start")).ToHaveTextAsync("Beginning of the conversation", HasText);
        await Expect(items.First.Locator(".text")).ToHaveTextAsync("History 001", HasText);
        await Expect(items.Last.Locator(".text")).ToHaveTextAsync("History 120", HasText);
        await timeline.EvaluateAsync("e => { e.scrollTop = 0; }");
        await Expect(Page.Locator("#history-start")).ToBeInViewportAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(Page, "conversation-history-beginning");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_merged_customers_timeline_is_in_the_order_things_happened()
    {
        const string phone = "+7 916 701-00-02";
        const string email = "merged.mila@example.com";
        using (var api = Server.Client(InboxServer.ApiToken))
        {
            await PostInboundAsync(api, new { phone, name = "Mila Merged" }, "phone 1");
            await PostInboundAsync(api, new { phone, name = "Mila Merged" }, "phone 2");
            await PostInboundAsync(api, new { phone, name = "Mila Merged" }, "phone 3");
            await PostInboundAsync(api, new { email, name = "Mila Merged" }, "mail 1");
            // One message naming both addresses: the API channel's evidence that they are one customer, who are merged.
            await PostInboundAsync(api, new { phone, email, name = "Mila Merged" }, "both addresses");
        }

        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "both addresses" }).ClickAsync();

        // Each source conversation numbers its own items (phone 1..3 and mail 1 both start at 1): the console orders by time.
        await Expect(Page.Locator("#timeline li[data-message-id] .text"))
            .ToHaveTextAsync(["phone 1", "phone 2", "phone 3", "mail 1", "both addresses"], new() { Timeout = 20_000 });
        var times = await Page.Locator("#timeline li[data-message-id]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.createdAt)");
        var parsed = times.Select(DateTimeOffset.Parse).ToList();
        Assert.Equal(parsed.Order().ToList(), parsed);
        await ScreenshotAsync(Page, "conversation-merged-timeline");
    }

    [Fact]
    public async Task Ctrl_enter_sends_the_reply_and_the_note()
    {
        await InboundAsync("+7 916 701-00-03", "Keyboard Kate", "Can you hear me?");
        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Keyboard Kate" }).ClickAsync();

        await Page.FillAsync("#reply-text", "Loud and clear");
        await Page.PressAsync("#reply-text", "Control+Enter");
        await Expect(Page.Locator("#timeline li.outbound", new() { HasText = "Loud and clear" })).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#reply-text")).ToHaveValueAsync("", new() { Timeout = 20_000 });

        await Page.FillAsync("#note-text", "Sent with the keyboard");
        await Page.PressAsync("#note-text", "Meta+Enter");
        await Expect(Page.Locator("#timeline li.note", new() { HasText = "Sent with the keyboard" })).ToBeVisibleAsync(Visible);

        // A plain Enter is a new line, not a send.
        await Page.FillAsync("#reply-text", "line one");
        await Page.PressAsync("#reply-text", "Enter");
        await Expect(Page.Locator("#reply-text")).ToHaveValueAsync("line one\n", new() { Timeout = 20_000 });
        await Expect(Page.Locator("#timeline li.outbound")).ToHaveCountAsync(1);
    }

    internal static async Task PostInboundAsync(HttpClient api, object customer, string text)
    {
        var response = await api.PostAsJsonAsync("/api/v1/inbound", new
        {
            messageId = "conv-" + Guid.NewGuid().ToString("N"),
            customer,
            text,
        });
        response.EnsureSuccessStatusCode();
    }
}
