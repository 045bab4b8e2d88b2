using Inbox.Console.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>The bot's handoff card and the victim badge, with the real bot and the demo teams and routing rules.</summary>
public sealed class HandoffConsoleTests : ConsoleTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chatbot:Enabled"] = "true",
        ["Demo:Teams"] = "true",
    };

    [Fact]
    public async Task A_possible_victim_handed_over_by_the_bot_is_marked_in_the_queue_and_opens_on_the_handoff_card()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);

        // The victim writes before anyone is online: the bot hands over at once to the fraud-response team's queue.
        await InboundAsync("+7 916 700-90-91", "Victor Victim",
            "Мне позвонили из службы безопасности магазина, я продиктовал код из смс и с карты списали деньги");
        // operator2 is not in fraud-response, so nothing assigns it automatically while the test looks.
        await LogInAsync(Page, "operator2");

        var item = Page.Locator("#queue-list li", new() { HasText = "Victor Victim" });
        await Expect(item).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(item.Locator(".badge.victim")).ToHaveTextAsync("possible victim", HasText);
        await Expect(item.Locator(".team")).ToHaveTextAsync("team: Fraud response", HasText);
        await Expect(item.Locator(".wait")).ToContainTextAsync("waiting", Contains);

        await item.ClickAsync();
        var card = Page.Locator("#handoff-card");
        await Expect(card).ToBeVisibleAsync(Visible);
        await Expect(card.Locator("#handoff-victim")).ToHaveTextAsync("Possible victim of fraud", HasText);
        await Expect(card.Locator(".priority")).ToHaveTextAsync("urgent", HasText);
        await Expect(card.Locator(".intent")).ToHaveTextAsync("fraud", HasText);
        await Expect(card.Locator(".summary")).Not.ToBeEmptyAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#conv-team")).ToHaveTextAsync("team: Fraud response", HasText);
        await ScreenshotAsync(Page, "handoff-card");

        // In Russian too.
        await Page.SelectOptionAsync("#lang", "ru");
        await Expect(card.Locator("#handoff-victim")).ToHaveTextAsync("Возможная жертва мошенников", HasText);
        await Expect(card.Locator(".priority")).ToHaveTextAsync("срочный", HasText);
        await Expect(item.Locator(".badge.victim")).ToHaveTextAsync("возможная жертва", HasText);
        Assert.Empty(errors);
    }
}
