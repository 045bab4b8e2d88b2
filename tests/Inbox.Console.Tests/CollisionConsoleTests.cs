using Inbox.Console.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// Collisions (issue 15, item 3): two operators in two browsers with the same conversation open see each other viewing it,
/// see when the other types a reply, and stop seeing a colleague who opened another conversation.
/// </summary>
public sealed class CollisionConsoleTests : ConsoleTestBase
{
    [Fact]
    public async Task Two_operators_on_one_conversation_see_each_other_viewing_and_typing()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        var colleague = await NewPageAsync("en-US");
        colleague.PageError += (_, error) => errors.Add(error);
        await LogInAsync(Page, "operator");
        await LogInAsync(colleague, "operator2");
        await InboundAsync("+7 916 810-00-01", "Vera Viewed", "Where is my parcel?");
        await InboundAsync("+7 916 810-00-02", "Oleg Elsewhere", "A different question");

        await Page.Locator("#queue-list li", new() { HasText = "Vera Viewed" }).ClickAsync();
        await colleague.Locator("#queue-list li", new() { HasText = "Vera Viewed" }).ClickAsync();

        var mine = Page.Locator("#conv-viewers");
        await Expect(mine.Locator(".viewer")).ToHaveTextAsync("Second Operator is viewing", HasText);
        await Expect(colleague.Locator("#conv-viewers .viewer")).ToHaveTextAsync("Demo Operator is viewing", HasText);

        // The colleague types a reply: shown while they type, and gone a few seconds after they stop.
        await colleague.Locator("#reply-text").PressSequentiallyAsync("Hello Vera, I am looking");
        await Expect(mine.Locator(".viewer.typing")).ToHaveTextAsync("Second Operator is typing…", HasText);
        await ScreenshotAsync(Page, "collision-typing");
        await Expect(mine.Locator(".viewer")).ToHaveTextAsync("Second Operator is viewing", HasText);

        // The colleague opens another conversation: no longer viewing this one.
        await colleague.Locator("#queue-list li", new() { HasText = "Oleg Elsewhere" }).ClickAsync();
        await Expect(colleague.Locator("#conv-title")).ToHaveTextAsync("Oleg Elsewhere", HasText);
        await Expect(mine.Locator(".viewer")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(colleague.Locator("#conv-viewers .viewer")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // Back on it, the colleague takes it; I take it over: the colleague is told, and we still see each other.
        await colleague.Locator("#queue-list li", new() { HasText = "Vera Viewed" }).ClickAsync();
        await Expect(mine.Locator(".viewer")).ToHaveTextAsync("Second Operator is viewing", HasText);
        await colleague.ClickAsync(".actions button[data-action=assign]");
        await Expect(colleague.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Expect(Page.Locator(".actions button[data-action=take-over]")).ToBeVisibleAsync(Visible);
        await Page.ClickAsync(".actions button[data-action=take-over]");
        await Expect(colleague.Locator("#notice")).ToContainTextAsync("took over the conversation from", Contains);
        await Expect(colleague.Locator("#conv-viewers .viewer")).ToHaveTextAsync("Demo Operator is viewing", HasText);
        await ScreenshotAsync(colleague, "collision-taken-over");

        // Closing the browser ends the viewing at once.
        await colleague.Context.CloseAsync();
        await Expect(mine.Locator(".viewer")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_russian_console_names_the_colleague_viewing_and_typing_in_russian()
    {
        var page = await NewPageAsync("ru-RU");
        var colleague = await NewPageAsync("en-US");
        await LogInAsync(page, "operator", "на связи");
        await LogInAsync(colleague, "operator2");
        await InboundAsync("+7 916 810-00-03", "Роман Русский", "Здравствуйте");
        await page.Locator("#queue-list li", new() { HasText = "Роман Русский" }).ClickAsync();
        await colleague.Locator("#queue-list li", new() { HasText = "Роман Русский" }).ClickAsync();

        await Expect(page.Locator("#conv-viewers .viewer")).ToHaveTextAsync("Сейчас смотрит: Second Operator", HasText);
        await colleague.Locator("#reply-text").PressSequentiallyAsync("Добрый день");
        await Expect(page.Locator("#conv-viewers .viewer.typing")).ToHaveTextAsync("Пишет ответ: Second Operator…", HasText);

        // I take it; the colleague takes it over: I am told in Russian.
        await page.ClickAsync(".actions button[data-action=assign]");
        await Expect(colleague.Locator(".actions button[data-action=take-over]")).ToBeVisibleAsync(Visible);
        await colleague.ClickAsync(".actions button[data-action=take-over]");
        await Expect(page.Locator("#notice")).ToContainTextAsync("Second Operator забрал(а) диалог у оператора Demo Operator", Contains);
    }
}
