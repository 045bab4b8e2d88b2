using System.Text.Json;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// Alerts (issue 15, item 6): unread counts on the list and in the title, kept on the server per operator, and a sound and a
/// browser notification for a new conversation and a customer's message in one of mine, each kind switchable. The page's
/// Notification and AudioContext are replaced by recorders (headless Chromium shows no notifications and plays nothing).
/// </summary>
public sealed class AlertsConsoleTests : ConsoleTestBase
{
    internal const string Recorders = """
        window.__alerts = { notifications: [], tones: 0, asked: 0, last: null };
        class RecordedNotification {
          constructor(title, options) {
            this.title = title;
            this.options = options || {};
            window.__alerts.notifications.push({ title, body: this.options.body || '', tag: this.options.tag || '' });
            window.__alerts.last = this;
          }
          close() {}
        }
        // The browser remembers a permission given to the site: here, in the site's storage.
        RecordedNotification.permission = localStorage.getItem('test.permission') || 'default';
        RecordedNotification.requestPermission = () => {
          window.__alerts.asked++;
          RecordedNotification.permission = 'granted';
          localStorage.setItem('test.permission', 'granted');
          return Promise.resolve('granted');
        };
        window.Notification = RecordedNotification;
        class RecordedAudioContext {
          constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
          resume() { return Promise.resolve(); }
          createOscillator() {
            window.__alerts.tones++;
            return { type: '', frequency: { value: 0 }, connect: (n) => n, start() {}, stop() {} };
          }
          createGain() { return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (n) => n }; }
        }
        window.AudioContext = RecordedAudioContext;
        """;

    private static readonly PageAssertionsToHaveTitleOptions Title = new() { Timeout = 20_000 };

    private async Task<IPage> RecordingPageAsync()
    {
        var page = await NewPageAsync("en-US");
        await page.Context.AddInitScriptAsync(Recorders);
        return page;
    }

    internal sealed record Recorded(string Title, string Body, string Tag);

    internal static async Task<IReadOnlyList<Recorded>> NotificationsAsync(IPage page) =>
        JsonSerializer.Deserialize<List<Recorded>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__alerts.notifications)"),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    /// <summary>Waits (polling in the page) for a notification with this title whose text contains <paramref name="body"/>.</summary>
    internal static Task WaitForNotificationAsync(IPage page, string title, string body) =>
        page.WaitForFunctionAsync("([title, body]) => window.__alerts.notifications.some((n) => n.title === title && n.body.includes(body))",
            new[] { title, body }, new() { Timeout = 20_000 });

    [Fact]
    public async Task A_new_message_shows_an_unread_badge_and_the_title_count_until_opened_and_a_reload_or_second_browser_agrees()
    {
        await LogInAsync(Page, "operator");
        await Expect(Page).ToHaveTitleAsync("Inbox console", Title);
        await InboundAsync("+7 916 820-00-01", "Uma Unread", "First question");

        var uma = Page.Locator("#queue-list li", new() { HasText = "Uma Unread" });
        await Expect(uma.Locator(".badge.unread")).ToHaveTextAsync("1", HasText);
        await Expect(Page).ToHaveTitleAsync("(1) Inbox console", Title);
        await InboundAsync("+7 916 820-00-01", "Uma Unread", "Second question");
        await Expect(uma.Locator(".badge.unread")).ToHaveTextAsync("2", HasText);
        await InboundAsync("+7 916 820-00-02", "Ugo Unopened", "Hello?");
        var ugo = Page.Locator("#queue-list li", new() { HasText = "Ugo Unopened" });
        await Expect(ugo.Locator(".badge.unread")).ToHaveTextAsync("1", HasText);
        await Expect(Page).ToHaveTitleAsync("(3) Inbox console", Title);
        await ScreenshotAsync(Page, "unread-badges");

        // The count is the server's: a reload shows it again.
        await Page.ReloadAsync();
        await Expect(uma.Locator(".badge.unread")).ToHaveTextAsync("2", HasText);
        await Expect(Page).ToHaveTitleAsync("(3) Inbox console", Title);

        // Opening reads it; a message while it is open is read at once.
        await uma.ClickAsync();
        await Expect(Page.Locator("#timeline li.inbound")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Expect(Page).ToHaveTitleAsync("(1) Inbox console", Title);
        await Expect(uma.Locator(".badge.unread")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Page.RunAndWaitForResponseAsync(() => InboundAsync("+7 916 820-00-01", "Uma Unread", "Third question"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/read", StringComparison.Ordinal) && r.Ok, new() { Timeout = 20_000 });
        await Expect(Page.Locator("#timeline li.inbound")).ToHaveCountAsync(3, new() { Timeout = 20_000 });
        await Expect(Page).ToHaveTitleAsync("(1) Inbox console", Title);

        // After a reload nothing is open: Uma stays read, Ugo (whose badge shows the counts arrived) does not.
        await Page.ReloadAsync();
        await Expect(ugo.Locator(".badge.unread")).ToHaveTextAsync("1", HasText);
        await Expect(uma.Locator(".badge.unread")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(Page).ToHaveTitleAsync("(1) Inbox console", Title);

        // The operator's second browser sees the same; a colleague has read nothing.
        var second = await NewPageAsync("en-US");
        await LogInAsync(second, "operator");
        await Expect(second.Locator("#queue-list li", new() { HasText = "Ugo Unopened" }).Locator(".badge.unread")).ToHaveTextAsync("1", HasText);
        await Expect(second.Locator("#queue-list li", new() { HasText = "Uma Unread" }).Locator(".badge.unread")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(second).ToHaveTitleAsync("(1) Inbox console", Title);
        var colleague = await NewPageAsync("en-US");
        await LogInAsync(colleague, "operator2");
        await Expect(colleague.Locator("#queue-list li", new() { HasText = "Uma Unread" }).Locator(".badge.unread")).ToHaveTextAsync("3", HasText);
        await Expect(colleague).ToHaveTitleAsync("(4) Inbox console", Title);

        // The title keeps its count in another language.
        await Page.SelectOptionAsync("#lang", "ru");
        await Expect(Page).ToHaveTitleAsync("(1) Inbox — консоль операторов", Title);
        // And loses it at logout.
        await Page.ClickAsync("#logout");
        await Expect(Page).ToHaveTitleAsync("Inbox — консоль операторов", Title);
    }

    [Fact]
    public async Task Notifications_come_for_a_new_conversation_and_a_message_in_mine_and_not_once_switched_off()
    {
        var page = await RecordingPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await LogInAsync(page, "operator");
        await page.ClickAsync("#tabs button[data-tab=all]");

        // Notifications need the browser's permission, asked on a click in the alerts menu.
        await page.ClickAsync("#alerts-menu summary");
        await Expect(page.Locator("#alerts-menu tr[data-kind=newConversation]")).ToContainTextAsync("New conversation in the queue", Contains);
        await Expect(page.Locator("#alerts-menu #alerts-myMessage-notify")).ToBeCheckedAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "alerts-menu");
        await page.ClickAsync("#alerts-allow");
        await Expect(page.Locator("#alerts-allow")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__alerts.asked"));
        await page.Locator("#no-conversation").ClickAsync(); // closes the menu

        // A new conversation in the queue: a notification and a sound.
        await InboundAsync("+7 916 830-00-01", "Nora Notified", "I need help with my order");
        await WaitForNotificationAsync(page, "New conversation in the queue", "I need help with my order");
        Assert.True(await page.EvaluateAsync<int>("() => window.__alerts.tones") > 0, "a sound was played");
        await InboundAsync("+7 916 830-00-02", "Oleg Other", "Another question");
        await WaitForNotificationAsync(page, "New conversation in the queue", "Another question");

        // Nora's conversation becomes mine; while it is open and visible, her messages alert nothing.
        var nora = page.Locator("#queue-list li", new() { HasText = "Nora Notified" });
        await nora.ClickAsync();
        await page.ClickAsync(".actions button[data-action=assign]");
        await Expect(page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await InboundAsync("+7 916 830-00-01", "Nora Notified", "Are you there?");
        await Expect(page.Locator("#timeline li.inbound", new() { HasText = "Are you there?" })).ToBeVisibleAsync(Visible);
        Assert.DoesNotContain(await NotificationsAsync(page), n => n.Body.Contains("Are you there?"));

        // With another conversation open, a message in mine alerts, and clicking the notification opens it.
        await page.Locator("#queue-list li", new() { HasText = "Oleg Other" }).ClickAsync();
        await Expect(page.Locator("#conv-title")).ToHaveTextAsync("Oleg Other", HasText);
        await InboundAsync("+7 916 830-00-01", "Nora Notified", "My order number is 1234");
        await WaitForNotificationAsync(page, "New message from a customer", "My order number is 1234");
        await page.EvaluateAsync("() => window.__alerts.last.onclick()");
        await Expect(page.Locator("#conv-title")).ToHaveTextAsync("Nora Notified", HasText);

        // Switched off (and remembered): no notification for a message in mine.
        await page.Locator("#queue-list li", new() { HasText = "Oleg Other" }).ClickAsync();
        await Expect(page.Locator("#conv-title")).ToHaveTextAsync("Oleg Other", HasText);
        await page.ClickAsync("#alerts-menu summary");
        await page.UncheckAsync("#alerts-myMessage-notify");
        await page.ReloadAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", HasText);
        await page.ClickAsync("#alerts-menu summary");
        await Expect(page.Locator("#alerts-myMessage-notify")).Not.ToBeCheckedAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#alerts-newConversation-notify")).ToBeCheckedAsync(new() { Timeout = 20_000 });
        await page.ClickAsync("#tabs button[data-tab=all]");
        await InboundAsync("+7 916 830-00-01", "Nora Notified", "Hello again, still waiting");
        // The list shows the message, so the console has handled its event.
        await Expect(nora.Locator(".preview")).ToHaveTextAsync("Hello again, still waiting", HasText);
        Assert.DoesNotContain(await NotificationsAsync(page), n => n.Body.Contains("still waiting"));
        // Other kinds still alert.
        await InboundAsync("+7 916 830-00-03", "Pyotr Third", "A third customer");
        await WaitForNotificationAsync(page, "New conversation in the queue", "A third customer");
        Assert.Empty(errors);
    }
}
