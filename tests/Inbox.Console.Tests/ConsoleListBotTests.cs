using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The Bot tab with the real bot (issue 15): each customer with the bot shows how long they have waited since their last
/// message, red from 5 minutes; an operator takes a conversation over from the bot in the list.
/// </summary>
public sealed class ConsoleListBotTests : ConsoleTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chatbot:Enabled"] = "true",
    };

    [Fact]
    public async Task The_bot_tab_shows_how_long_a_customer_waits_and_an_operator_takes_over_from_the_bot()
    {
        var errors = new List<string>();
        // The page's clock is Playwright's, so that the test can move it 6 minutes on instead of waiting for them.
        var page = await NewPageAsync("en-US");
        page.PageError += (_, error) => errors.Add(error);
        await page.Context.Clock.InstallAsync();

        await InboundAsync("+7 916 700-30-41", "Bella Bot", "Где мой заказ 1048576?");
        await LogInAsync(page, "operator");
        await page.ClickAsync("#tabs button[data-tab=bot]");
        var item = page.Locator("#queue-list li", new() { HasText = "Bella Bot" });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var marker = item.Locator(".bot-wait");
        await Expect(marker).ToContainTextAsync("waiting on the bot for", Contains);
        await Expect(marker).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\blong\b"), new() { Timeout = 20_000 });

        // Six minutes later the marker says so, in red.
        await page.Clock.FastForwardAsync("06:00");
        await Expect(marker).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\blong\b"), new() { Timeout = 20_000 });
        await Expect(marker).ToContainTextAsync("waiting on the bot for 6 min", Contains);
        // The jump outlasts the hub's server timeout: the console reconnects by itself.
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        await ScreenshotAsync(page, "list-bot-tab");
        await page.SelectOptionAsync("#lang", "ru");
        await Expect(marker).ToContainTextAsync("ждёт у бота 6 мин", Contains);
        await Expect(item.Locator(".bot-take")).ToHaveTextAsync("Забрать у бота", HasText);
        await page.SelectOptionAsync("#lang", "en");

        // Taken over: the conversation opens as mine and leaves the Bot tab.
        await item.Locator(".bot-take").ClickAsync();
        await Expect(page.Locator("#conv-title")).ToHaveTextAsync("Bella Bot", HasText);
        await Expect(page.Locator("#conv-status")).ToHaveTextAsync("assigned · assigned to me", HasText);
        await Expect(item).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.ClickAsync("#tabs button[data-tab=mine]");
        await Expect(page.Locator("#queue-list li", new() { HasText = "Bella Bot" })).ToBeVisibleAsync(Visible);
        Assert.Empty(errors);
    }
}
