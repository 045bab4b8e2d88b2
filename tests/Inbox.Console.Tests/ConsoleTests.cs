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
public sealed class ConsoleTests : ConsoleTestBase
{
    [Fact]
    public async Task An_operator_sees_a_new_message_live_replies_and_gets_a_call_pop()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);

        // Log in through the form.
        await Page.GotoAsync("/");
        await Page.FillAsync("#login-name", "operator");
        await Page.FillAsync("#login-password", InboxServer.DemoPassword);
        await Page.ClickAsync("#login-submit");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Expect(Page.Locator("#me")).ToContainTextAsync("operator", Contains);

        // A customer writes (Cyrillic name and text); the queue shows it without a reload.
        const string name = "Иван Петров";
        const string text = "Где мой заказ 1048576? Where is my order?";
        using (var api = Server.Client(InboxServer.ApiToken))
        {
            var response = await api.PostAsJsonAsync("/api/v1/inbound", new
            {
                messageId = "console-" + Guid.NewGuid().ToString("N"),
                customer = new { phone = "+7 916 555-12-34", name },
                text,
            });
            response.EnsureSuccessStatusCode();
        }

        var item = Page.Locator("#queue-list li", new() { HasText = name });
        await Expect(item).ToBeVisibleAsync(Visible);
        await Expect(item).ToContainTextAsync("Где мой заказ", Contains);

        // Open it: the timeline and the customer card.
        await item.ClickAsync();
        await Expect(Page.Locator("#timeline li.inbound")).ToContainTextAsync(text, Contains);
        await Expect(Page.Locator("#customer-card")).ToContainTextAsync(name, Contains);
        await Expect(Page.Locator("#customer-card")).ToContainTextAsync("phone:+79165551234", Contains);

        // Assign, then reply: the reply appears with its delivery state, which moves to "sent" once the callback takes it.
        await Page.ClickAsync(".actions button[data-action=assign]");
        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Expect(item).ToHaveCountAsync(0, new() { Timeout = 20_000 }); // no longer in the queue
        await Page.ClickAsync("#tabs button[data-tab=mine]");
        await Expect(item).ToBeVisibleAsync(Visible);
        const string reply = "Здравствуйте! Заказ в пути. Your order is on its way.";
        await Page.FillAsync("#reply-text", reply);
        await Page.ClickAsync("#reply-send");
        var outbound = Page.Locator("#timeline li.outbound", new() { HasText = reply });
        await Expect(outbound).ToBeVisibleAsync(Visible);
        await Expect(outbound.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", new Regex("^(queued|sent)$"), Attribute);
        await Expect(outbound.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", "sent", Attribute);

        // The integrator reports a failure: the reason shows live.
        var messageId = await outbound.GetAttributeAsync("data-message-id");
        using (var api = Server.Client(InboxServer.ApiToken))
        {
            var response = await api.PostAsJsonAsync($"/api/v1/outbound/{messageId}/status", new { status = "failed", reason = "Абонент недоступен" });
            response.EnsureSuccessStatusCode();
        }

        await Expect(outbound.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", "failed", Attribute);
        await Expect(outbound.Locator(".delivery")).ToContainTextAsync("Абонент недоступен", Contains);

        // A private note.
        await Page.FillAsync("#note-text", "Проверить склад");
        await Page.ClickAsync("#note-send");
        await Expect(Page.Locator("#timeline li.note")).ToContainTextAsync("Проверить склад", Contains);

        // The customer calls the operator's extension (101): the banner pops with their name.
        var sink = Server.Services.GetRequiredService<ICallEventSink>();
        await sink.RecordAsync(new CallEvent("cti", "console-" + Guid.NewGuid().ToString("N"), "leg", null, CallEventKind.Ringing,
            CallDirection.Inbound, "8 916 555-12-34", null, "74951234567", "101", DateTimeOffset.UtcNow), CancellationToken.None);
        var pop = Page.Locator("#callpop");
        await Expect(pop).ToBeVisibleAsync(Visible);
        await Expect(pop.Locator(".customer-name")).ToHaveTextAsync(name, new() { Timeout = 20_000 });
        await Expect(pop).ToContainTextAsync("Open orders", Contains);

        // The call joins the timeline live.
        await Expect(Page.Locator("#timeline li.callEvent")).ToBeVisibleAsync(Visible);

        await ScreenshotAsync(Page, "conversation-with-call");

        // Resolve, then reopen.
        await Page.ClickAsync(".actions button[data-action=resolve]");
        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("resolved", Contains);
        await Page.ClickAsync(".actions button[data-action=reopen]");
        await Expect(Page.Locator("#conv-status")).Not.ToContainTextAsync("resolved", new() { Timeout = 20_000 });

        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_unknown_caller_pops_up_as_unknown()
    {
        await Page.GotoAsync("/");
        await Page.FillAsync("#login-name", "operator");
        await Page.FillAsync("#login-password", InboxServer.DemoPassword);
        await Page.ClickAsync("#login-submit");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });

        var sink = Server.Services.GetRequiredService<ICallEventSink>();
        await sink.RecordAsync(new CallEvent("cti", "console-" + Guid.NewGuid().ToString("N"), "leg", null, CallEventKind.Ringing,
            CallDirection.Inbound, "+7 903 111-22-33", null, "74951234567", "101", DateTimeOffset.UtcNow), CancellationToken.None);
        var pop = Page.Locator("#callpop");
        await Expect(pop.Locator(".customer-name")).ToHaveTextAsync("unknown caller", new() { Timeout = 20_000 });
        await Expect(pop.Locator(".caller")).ToContainTextAsync("903", Contains);
    }

    [Fact]
    public async Task After_a_dropped_connection_the_console_catches_up_on_missed_events()
    {
        await Page.GotoAsync("/");
        await Page.FillAsync("#login-name", "operator");
        await Page.FillAsync("#login-password", InboxServer.DemoPassword);
        await Page.ClickAsync("#login-submit");
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });

        var phone = "+7 916 777-00-11";
        await InboundAsync(phone, "Anna Smith", "First message");
        var item = Page.Locator("#queue-list li", new() { HasText = "Anna Smith" });
        await item.ClickAsync();
        await Expect(Page.Locator("#timeline li.inbound")).ToContainTextAsync("First message", Contains);

        // The console stops hearing events, then its connection drops; the customer writes meanwhile.
        await Page.EvaluateAsync("() => inboxConsole.state.hub.off('event')");
        await InboundAsync(phone, "Anna Smith", "Second message, sent while the console was deaf");
        await Page.EvaluateAsync("() => inboxConsole.state.hub.stop()");

        // It reconnects by itself and fetches the missed event with GetMissedEvents.
        await Expect(Page.Locator("#timeline li.inbound", new() { HasText = "Second message" })).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Expect(Page.Locator("#timeline li.inbound")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task An_operator_takes_over_a_colleagues_conversation_and_the_colleague_is_told()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        var colleaguePage = await NewPageAsync("en-US");
        await LogInAsync(colleaguePage, "operator2");
        await LogInAsync(Page, "operator");

        // operator2 is working on Olga's conversation.
        await InboundAsync("+7 916 777-22-33", "Olga Take", "Is anyone there?");
        using (var colleague = await Server.OperatorClientAsync("operator2"))
        {
            var list = await colleague.GetStringAsync("/api/v1/conversations?status=queued&limit=200");
            var id = Regex.Match(list, "\"conversationId\":\"([0-9a-f-]{36})\"[^{}]*\"lastMessagePreview\":\"Is anyone there\\?\"").Groups[1].Value;
            (await colleague.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        }

        await Page.ClickAsync("#tabs button[data-tab=all]");
        await Page.Locator("#queue-list li", new() { HasText = "Olga Take" }).ClickAsync();
        var takeOver = Page.Locator(".actions button[data-action=take-over]");
        await Expect(takeOver).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator(".actions button[data-action=assign]")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#reply-send")).ToBeDisabledAsync(new() { Timeout = 20_000 });

        await takeOver.ClickAsync();

        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Expect(Page.Locator("#timeline li.event")).ToContainTextAsync("took over the conversation from", Contains);
        await Expect(Page.Locator("#reply-send")).ToBeEnabledAsync(new() { Timeout = 20_000 });
        await Expect(colleaguePage.Locator("#notice")).ToContainTextAsync("took over the conversation from", Contains);
        Assert.Empty(errors);
    }
}
