using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Inbox.Connectors;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The operators' console (src/Inbox.Web/wwwroot) in a real headless Chromium (Debian's /usr/bin/chromium) against
/// the real web node on loopback. Every wait is one of Playwright's auto-waiting assertions with a bounded timeout.
/// </summary>
public sealed class ConsoleTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToHaveAttributeOptions Attribute = new() { Timeout = 20_000 };

    private CallbackReceiver _callback = null!;
    private InboxServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _callback = new CallbackReceiver();
        _server = await InboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Channels:Api:CallbackUrl"] = _callback.Url,
            ["Channels:Api:CallbackSecret"] = "console-test-secret",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 800 },
        });
        _page = await context.NewPageAsync();
        _page.SetDefaultTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
        _callback.Dispose();
    }

    [Fact]
    public async Task An_operator_sees_a_new_message_live_replies_and_gets_a_call_pop()
    {
        var errors = new List<string>();
        _page.PageError += (_, error) => errors.Add(error);

        // Log in through the form.
        await _page.GotoAsync("/");
        await _page.FillAsync("#login-name", "operator");
        await _page.FillAsync("#login-password", InboxServer.DemoPassword);
        await _page.ClickAsync("#login-submit");
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Expect(_page.Locator("#me")).ToContainTextAsync("operator", Contains);

        // A customer writes (Cyrillic name and text); the queue shows it without a reload.
        const string name = "Иван Петров";
        const string text = "Где мой заказ 1048576? Where is my order?";
        using (var api = _server.Client(InboxServer.ApiToken))
        {
            var response = await api.PostAsJsonAsync("/api/v1/inbound", new
            {
                messageId = "console-" + Guid.NewGuid().ToString("N"),
                customer = new { phone = "+7 916 555-12-34", name },
                text,
            });
            response.EnsureSuccessStatusCode();
        }

        var item = _page.Locator("#queue-list li", new() { HasText = name });
        await Expect(item).ToBeVisibleAsync(Visible);
        await Expect(item).ToContainTextAsync("Где мой заказ", Contains);

        // Open it: the timeline and the customer card.
        await item.ClickAsync();
        await Expect(_page.Locator("#timeline li.inbound")).ToContainTextAsync(text, Contains);
        await Expect(_page.Locator("#customer-card")).ToContainTextAsync(name, Contains);
        await Expect(_page.Locator("#customer-card")).ToContainTextAsync("phone:+79165551234", Contains);

        // Assign, then reply: the reply appears with its delivery state, which moves to "sent" once the callback takes it.
        await _page.ClickAsync(".actions button[data-action=assign]");
        await Expect(_page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Expect(item).ToHaveCountAsync(0, new() { Timeout = 20_000 }); // no longer in the queue
        await _page.ClickAsync("#tabs button[data-tab=mine]");
        await Expect(item).ToBeVisibleAsync(Visible);
        const string reply = "Здравствуйте! Заказ в пути. Your order is on its way.";
        await _page.FillAsync("#reply-text", reply);
        await _page.ClickAsync("#reply-send");
        var outbound = _page.Locator("#timeline li.outbound", new() { HasText = reply });
        await Expect(outbound).ToBeVisibleAsync(Visible);
        await Expect(outbound.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", new Regex("^(queued|sent)$"), Attribute);
        await Expect(outbound.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", "sent", Attribute);

        // The integrator reports a failure: the reason shows live.
        var messageId = await outbound.GetAttributeAsync("data-message-id");
        using (var api = _server.Client(InboxServer.ApiToken))
        {
            var response = await api.PostAsJsonAsync($"/api/v1/outbound/{messageId}/status", new { status = "failed", reason = "Абонент недоступен" });
            response.EnsureSuccessStatusCode();
        }

        await Expect(outbound.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", "failed", Attribute);
        await Expect(outbound.Locator(".delivery")).ToContainTextAsync("Абонент недоступен", Contains);

        // A private note.
        await _page.FillAsync("#note-text", "Проверить склад");
        await _page.ClickAsync("#note-send");
        await Expect(_page.Locator("#timeline li.note")).ToContainTextAsync("Проверить склад", Contains);

        // The customer calls the operator's extension (101): the banner pops with their name.
        var sink = _server.Services.GetRequiredService<ICallEventSink>();
        await sink.RecordAsync(new CallEvent("cti", "console-" + Guid.NewGuid().ToString("N"), "leg", null, CallEventKind.Ringing,
            CallDirection.Inbound, "8 916 555-12-34", null, "74951234567", "101", DateTimeOffset.UtcNow), CancellationToken.None);
        var pop = _page.Locator("#callpop");
        await Expect(pop).ToBeVisibleAsync(Visible);
        await Expect(pop.Locator(".customer-name")).ToHaveTextAsync(name, new() { Timeout = 20_000 });
        await Expect(pop).ToContainTextAsync("Open orders", Contains);

        // The call joins the timeline live.
        await Expect(_page.Locator("#timeline li.callEvent")).ToBeVisibleAsync(Visible);

        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/console.png" });

        // Resolve, then reopen.
        await _page.ClickAsync(".actions button[data-action=resolve]");
        await Expect(_page.Locator("#conv-status")).ToContainTextAsync("resolved", Contains);
        await _page.ClickAsync(".actions button[data-action=reopen]");
        await Expect(_page.Locator("#conv-status")).Not.ToContainTextAsync("resolved", new() { Timeout = 20_000 });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_unknown_caller_pops_up_as_unknown()
    {
        await _page.GotoAsync("/");
        await _page.FillAsync("#login-name", "operator");
        await _page.FillAsync("#login-password", InboxServer.DemoPassword);
        await _page.ClickAsync("#login-submit");
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });

        var sink = _server.Services.GetRequiredService<ICallEventSink>();
        await sink.RecordAsync(new CallEvent("cti", "console-" + Guid.NewGuid().ToString("N"), "leg", null, CallEventKind.Ringing,
            CallDirection.Inbound, "+7 903 111-22-33", null, "74951234567", "101", DateTimeOffset.UtcNow), CancellationToken.None);
        var pop = _page.Locator("#callpop");
        await Expect(pop.Locator(".customer-name")).ToHaveTextAsync("unknown caller", new() { Timeout = 20_000 });
        await Expect(pop.Locator(".caller")).ToContainTextAsync("903", Contains);
    }

    [Fact]
    public async Task After_a_dropped_connection_the_console_catches_up_on_missed_events()
    {
        await _page.GotoAsync("/");
        await _page.FillAsync("#login-name", "operator");
        await _page.FillAsync("#login-password", InboxServer.DemoPassword);
        await _page.ClickAsync("#login-submit");
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });

        var phone = "+7 916 777-00-11";
        await InboundAsync(phone, "Anna Smith", "First message");
        var item = _page.Locator("#queue-list li", new() { HasText = "Anna Smith" });
        await item.ClickAsync();
        await Expect(_page.Locator("#timeline li.inbound")).ToContainTextAsync("First message", Contains);

        // The console stops hearing events, then its connection drops; the customer writes meanwhile.
        await _page.EvaluateAsync("() => inboxConsole.state.hub.off('event')");
        await InboundAsync(phone, "Anna Smith", "Second message, sent while the console was deaf");
        await _page.EvaluateAsync("() => inboxConsole.state.hub.stop()");

        // It reconnects by itself and fetches the missed event with GetMissedEvents.
        await Expect(_page.Locator("#timeline li.inbound", new() { HasText = "Second message" })).ToBeVisibleAsync(Visible);
        await Expect(_page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Expect(_page.Locator("#timeline li.inbound")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task An_operator_takes_over_a_colleagues_conversation_and_the_colleague_is_told()
    {
        var errors = new List<string>();
        _page.PageError += (_, error) => errors.Add(error);
        var colleaguePage = await (await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _server.BaseAddress.ToString() })).NewPageAsync();
        await LogInAsync(colleaguePage, "operator2");
        await LogInAsync(_page, "operator");

        // operator2 is working on Olga's conversation.
        await InboundAsync("+7 916 777-22-33", "Olga Take", "Is anyone there?");
        using (var colleague = await _server.OperatorClientAsync("operator2"))
        {
            var list = await colleague.GetStringAsync("/api/v1/conversations?status=queued&limit=200");
            var id = Regex.Match(list, "\"conversationId\":\"([0-9a-f-]{36})\"[^{}]*\"lastMessagePreview\":\"Is anyone there\\?\"").Groups[1].Value;
            (await colleague.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        }

        await _page.ClickAsync("#tabs button[data-tab=all]");
        await _page.Locator("#queue-list li", new() { HasText = "Olga Take" }).ClickAsync();
        var takeOver = _page.Locator(".actions button[data-action=take-over]");
        await Expect(takeOver).ToBeVisibleAsync(Visible);
        await Expect(_page.Locator(".actions button[data-action=assign]")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(_page.Locator("#reply-send")).ToBeDisabledAsync(new() { Timeout = 20_000 });

        await takeOver.ClickAsync();

        await Expect(_page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Expect(_page.Locator("#timeline li.event")).ToContainTextAsync("took over the conversation from", Contains);
        await Expect(_page.Locator("#reply-send")).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await Expect(colleaguePage.Locator("#notice")).ToContainTextAsync("took over the conversation from", Contains);
        Assert.Empty(errors);
    }

    private static async Task LogInAsync(IPage page, string login)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#login-name", login);
        await page.FillAsync("#login-password", InboxServer.DemoPassword);
        await page.ClickAsync("#login-submit");
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
    }

    private async Task InboundAsync(string phone, string customerName, string text)
    {
        using var api = _server.Client(InboxServer.ApiToken);
        var response = await api.PostAsJsonAsync("/api/v1/inbound", new
        {
            messageId = "console-" + Guid.NewGuid().ToString("N"),
            customer = new { phone, name = customerName },
            text,
        });
        response.EnsureSuccessStatusCode();
    }
}
