using Inbox.Console.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>Alerts for a handoff from the (real) bot, with the demo teams and routing rules.</summary>
public sealed class AlertsHandoffConsoleTests : ConsoleTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chatbot:Enabled"] = "true",
        ["Demo:Teams"] = "true",
    };

    [Fact]
    public async Task A_handoff_from_the_bot_alerts_the_operator()
    {
        var page = await NewPageAsync("en-US");
        await page.Context.AddInitScriptAsync(AlertsConsoleTests.Recorders);
        // operator2 is not in fraud-response: nothing assigns the conversation to them while the test looks.
        await LogInAsync(page, "operator2");
        await page.ClickAsync("#alerts-menu summary");
        await page.ClickAsync("#alerts-allow");
        await Expect(page.Locator("#alerts-allow")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        await InboundAsync("+7 916 840-00-01", "Victor Handed",
            "Мне позвонили из службы безопасности магазина, я продиктовал код из смс и с карты списали деньги");

        await AlertsConsoleTests.WaitForNotificationAsync(page, "The bot handed a customer over", "");
        // The bot's conversation was not new in the queue: only the handoff alerted.
        Assert.DoesNotContain(await AlertsConsoleTests.NotificationsAsync(page), n => n.Title == "New conversation in the queue");
        await page.EvaluateAsync("() => window.__alerts.last.onclick()");
        await Expect(page.Locator("#conv-title")).ToHaveTextAsync("Victor Handed", HasText);
        await Expect(page.Locator("#handoff-card")).ToBeVisibleAsync(Visible);
    }
}
