using System.Text.RegularExpressions;
using Inbox.Connectors;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The console for a working day (issue 15): the Russian and English UI, the waiting times in the queue, a clean screen
/// after logout, visible failures instead of uncaught errors, the connection badge when the network drops.
/// </summary>
public sealed class WorkdayConsoleTests : ConsoleTestBase
{
    private static readonly Regex ConversationGet = new(@"/api/v1/conversations/[0-9a-f-]{36}\?limit=50$");
    private static readonly Regex ListGet = new(@"/api/v1/conversations\?status=");

    [Fact]
    public async Task A_russian_browser_gets_the_russian_console_and_can_switch_to_english_for_good()
    {
        var page = await NewPageAsync("ru-RU");
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var sessionChecks = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/v1/auth/me")) sessionChecks.Add(request.Url); };

        await page.GotoAsync("/");
        await Expect(page.Locator("#login")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("#login-submit")).ToHaveTextAsync("Войти", HasText);
        await Expect(page.Locator("#login-form")).ToContainTextAsync("Пароль", Contains);
        // No session in this browser yet: the form is shown without asking the server for a 401.
        Assert.Empty(sessionChecks);
        await Expect(page.Locator("link[rel=icon]")).ToHaveAttributeAsync("href", "favicon.svg", Attribute);
        var icon = await page.APIRequest.GetAsync(new Uri(Server.BaseAddress, "/favicon.svg").ToString());
        Assert.Equal(200, icon.Status);

        await page.FillAsync("#login-name", "operator");
        await page.FillAsync("#login-password", InboxServer.DemoPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("на связи", HasText);
        await Expect(page.Locator("#tabs button[data-tab=queued]")).ToHaveTextAsync("Очередь", HasText);
        await Expect(page.Locator("#me")).ToContainTextAsync("оператор", Contains);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru", Attribute);

        await InboundAsync("+7 916 700-10-20", "Мария Языкова", "Добрый день, где посылка?");
        var item = page.Locator("#queue-list li", new() { HasText = "Мария Языкова" });
        await Expect(item.Locator(".wait")).ToContainTextAsync("ждёт", Contains);
        await Expect(page.Locator("#queue-total")).ToHaveTextAsync(new Regex(@"^\d+ разговор(а|ов)?$"), HasText);
        await item.ClickAsync();
        await Expect(page.Locator("#conv-status")).ToHaveTextAsync("в очереди", HasText);
        await Expect(page.Locator("#reply-send")).ToHaveTextAsync("Отправить ответ", HasText);
        await Expect(page.Locator("#reply-text")).ToHaveAttributeAsync("placeholder", "Ответ клиенту", Attribute);
        await ScreenshotAsync(page, "console-ru");

        // Switched in the header: everything on screen changes at once, and the choice outlives a reload.
        await page.SelectOptionAsync("#lang", "en");
        await Expect(page.Locator("#tabs button[data-tab=queued]")).ToHaveTextAsync("Queued", HasText);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", HasText);
        await Expect(page.Locator("#conv-status")).ToHaveTextAsync("queued", HasText);
        await Expect(item.Locator(".wait")).ToContainTextAsync("waiting", Contains);
        await Expect(page.Locator("#reply-send")).ToHaveTextAsync("Send reply", HasText);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en", Attribute);

        await page.ReloadAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", HasText); // still logged in, no form
        await Expect(page.Locator("#tabs button[data-tab=queued]")).ToHaveTextAsync("Queued", HasText);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_queue_shows_each_wait_ticking_and_keeps_the_longest_wait_first()
    {
        await LogInAsync(Page, "operator");
        await InboundAsync("+7 916 700-20-01", "First Waiting", "I wrote first");
        await Expect(Page.Locator("#queue-list li", new() { HasText = "First Waiting" })).ToBeVisibleAsync(Visible);
        await InboundAsync("+7 916 700-20-02", "Second Waiting", "I wrote second");
        var second = Page.Locator("#queue-list li", new() { HasText = "Second Waiting" });
        await Expect(second).ToBeVisibleAsync(Visible);

        // The server's order: the longest wait first (a newer message does not jump ahead).
        await Expect(Page.Locator("#queue-list li").First).ToContainTextAsync("First Waiting", Contains);
        await Expect(Page.Locator("#queue-list li").Nth(1)).ToContainTextAsync("Second Waiting", Contains);

        var wait = second.Locator(".wait");
        await Expect(wait).ToHaveTextAsync(new Regex(@"^waiting \d+ s$"), HasText);
        var shown = await wait.TextContentAsync();
        await Expect(wait).Not.ToHaveTextAsync(shown!, HasText); // it ticks without a reload
        await ScreenshotAsync(Page, "queue-with-waits");
    }

    [Fact]
    public async Task After_logout_and_a_login_as_someone_else_the_previous_conversation_is_gone_and_the_actions_work()
    {
        await LogInAsync(Page, "operator");
        await InboundAsync("+7 916 700-30-40", "Pavel Switch", "Hello, anyone?");
        var item = Page.Locator("#queue-list li", new() { HasText = "Pavel Switch" });
        await item.ClickAsync();
        await Expect(Page.Locator("#timeline li.inbound")).ToContainTextAsync("Hello, anyone?", Contains);
        await Page.FillAsync("#reply-text", "a draft that must not leak");

        await Page.ClickAsync("#logout");
        await Expect(Page.Locator("#login")).ToBeVisibleAsync(Visible);
        // The colleague logs in on the same page, without a reload.
        await Page.FillAsync("#login-name", "operator2");
        await Page.FillAsync("#login-password", InboxServer.DemoPassword);
        await Page.ClickAsync("#login-submit");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", HasText);
        await Expect(Page.Locator("#me")).ToContainTextAsync("Second Operator", Contains);

        await Expect(Page.Locator("#conversation-view")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#no-conversation")).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#customer-card")).ToBeEmptyAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#queue-list li.selected")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        Assert.Equal("", await Page.InputValueAsync("#reply-text"));

        // Opened again by the new operator, the actions act.
        await item.ClickAsync();
        await Page.ClickAsync(".actions button[data-action=assign]");
        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Page.ClickAsync(".actions button[data-action=resolve]");
        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("resolved", Contains);
    }

    [Fact]
    public async Task A_double_click_on_send_sends_the_reply_once()
    {
        await LogInAsync(Page, "operator");
        await InboundAsync("+7 916 700-70-80", "Dora Double", "Please answer once");
        await Page.Locator("#queue-list li", new() { HasText = "Dora Double" }).ClickAsync();
        await Page.ClickAsync(".actions button[data-action=assign]");
        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);

        // The button is disabled from the first click until the answer, so the second click of the pair does nothing.
        await Page.FillAsync("#reply-text", "Only once, please");
        await Page.DblClickAsync("#reply-send");
        await Expect(Page.Locator("#timeline li.outbound", new() { HasText = "Only once, please" })).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#reply-send")).ToBeEnabledAsync(new() { Timeout = 20_000 });
        // A later note is on the timeline after anything the double click sent: by then a second reply would show too.
        await Page.FillAsync("#note-text", "marker note");
        await Page.ClickAsync("#note-send");
        await Expect(Page.Locator("#timeline li.note", new() { HasText = "marker note" })).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#timeline li.outbound", new() { HasText = "Only once, please" })).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task The_list_preview_of_a_call_follows_it_to_its_end()
    {
        await LogInAsync(Page, "operator");
        await InboundAsync("+7 916 700-11-22", "Carl Caller", "I will call you");
        var preview = Page.Locator("#queue-list li", new() { HasText = "Carl Caller" }).Locator(".preview");
        await Expect(preview).ToHaveTextAsync("I will call you", HasText);

        var sink = Server.Services.GetRequiredService<ICallEventSink>();
        var call = "console-" + Guid.NewGuid().ToString("N");
        await sink.RecordAsync(new CallEvent("cti", call, "leg", null, CallEventKind.Ringing,
            CallDirection.Inbound, "8 916 700-11-22", null, "74951234567", "101", DateTimeOffset.UtcNow), CancellationToken.None);
        await Expect(preview).ToContainTextAsync(": ringing", Contains);
        await Expect(Page.Locator("#callpop")).ToBeVisibleAsync(Visible);

        await sink.RecordAsync(new CallEvent("cti", call, "leg", null, CallEventKind.Ended,
            CallDirection.Inbound, "8 916 700-11-22", null, "74951234567", "101", DateTimeOffset.UtcNow), CancellationToken.None);
        await Expect(preview).ToContainTextAsync("Missed call", Contains);
        await Expect(Page.Locator("#callpop")).ToBeHiddenAsync(new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_failed_open_or_list_is_shown_and_nothing_is_thrown_and_a_dropped_network_shows_offline_at_once()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await LogInAsync(Page, "operator");
        await InboundAsync("+7 916 700-50-60", "Nina Network", "Is the network fine?");
        var item = Page.Locator("#queue-list li", new() { HasText = "Nina Network" });
        await Expect(item).ToBeVisibleAsync(Visible);

        // The network fails for the conversation's request: the column says so.
        await Page.RouteAsync(ConversationGet, route => route.AbortAsync());
        await item.ClickAsync();
        await Expect(Page.Locator("#open-error")).ToContainTextAsync("Could not open the conversation: No connection to the server.", Contains);
        await Page.UnrouteAsync(ConversationGet);
        await item.ClickAsync();
        await Expect(Page.Locator("#timeline li.inbound")).ToContainTextAsync("Is the network fine?", Contains);
        await Expect(Page.Locator("#open-error")).ToBeEmptyAsync(new() { Timeout = 20_000 });

        // The same for the list.
        await Page.RouteAsync(ListGet, route => route.AbortAsync());
        await Page.ClickAsync("#tabs button[data-tab=all]");
        await Expect(Page.Locator("#queue-error")).ToContainTextAsync("Could not load the list: No connection to the server.", Contains);
        await Page.UnrouteAsync(ListGet);
        await Page.ClickAsync("#tabs button[data-tab=queued]");
        await Expect(Page.Locator("#queue-error")).ToBeEmptyAsync(new() { Timeout = 20_000 });

        // The browser goes offline: the badge says so at once (the hub alone would notice after 30 s), and live again after.
        await Page.Context.SetOfflineAsync(true);
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("offline", new() { Timeout = 5_000 });
        await Page.Context.SetOfflineAsync(false);
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        Assert.Empty(errors);
    }
}
