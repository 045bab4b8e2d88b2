using Inbox.Console.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>Canned replies (issue 15): a supervisor keeps them in a dialog from the reply box; an operator types "/" and inserts one, filled in.</summary>
public sealed class CannedRepliesConsoleTests : ConsoleTestBase
{
    [Fact]
    public async Task A_supervisors_canned_reply_is_inserted_by_an_operator_with_the_customers_name()
    {
        var errors = new List<string>();
        await InboundAsync("+7 916 703-00-01", "Canned Carl", "Where is my parcel?");

        var supervisor = await NewPageAsync("en-US");
        supervisor.PageError += (_, error) => errors.Add(error);
        await LogInAsync(supervisor, "supervisor");
        await supervisor.Locator("#queue-list li", new() { HasText = "Canned Carl" }).ClickAsync();
        await supervisor.ClickAsync("#canned-manage");
        await Expect(supervisor.Locator("#canned-dialog")).ToBeVisibleAsync(Visible);
        await supervisor.FillAsync("#canned-key", "parcel");
        await supervisor.FillAsync("#canned-title", "Parcel on its way");
        await supervisor.FillAsync("#canned-text", "Hello {customer.name}, your parcel {order.number} is on its way.");
        await supervisor.ClickAsync("#canned-save");
        await Expect(supervisor.Locator("#canned-list li[data-key=parcel]")).ToBeVisibleAsync(Visible);
        await supervisor.FillAsync("#canned-key", "thanks");
        await supervisor.FillAsync("#canned-text", "Thank you for waiting!");
        await supervisor.ClickAsync("#canned-save");
        await Expect(supervisor.Locator("#canned-list li")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await Expect(supervisor.Locator("#canned-list li[data-key=parcel]")).ToContainTextAsync("Parcel on its way", Contains);
        // A key with a space is refused with the server's reason, and nothing is added.
        await supervisor.FillAsync("#canned-key", "two words");
        await supervisor.FillAsync("#canned-text", "x");
        await supervisor.ClickAsync("#canned-save");
        await Expect(supervisor.Locator("#canned-error")).ToContainTextAsync("lowercase letters", Contains);
        await Expect(supervisor.Locator("#canned-list li")).ToHaveCountAsync(2);
        await ScreenshotAsync(supervisor, "canned-replies-dialog");
        await supervisor.ClickAsync("#canned-close");

        // Operators have no dialog, only the picker.
        Page.PageError += (_, error) => errors.Add(error);
        await LogInAsync(Page, "operator");
        await Expect(Page.Locator("#canned-manage")).ToBeHiddenAsync();
        await Page.Locator("#queue-list li", new() { HasText = "Canned Carl" }).ClickAsync();
        // Typed once the conversation is on screen, into an empty box.
        await Expect(Page.Locator("#conv-title")).ToHaveTextAsync("Canned Carl", HasText);
        var box = Page.Locator("#reply-text");
        var picker = Page.Locator("#canned-picker");
        await box.FillAsync("");
        await box.PressSequentiallyAsync("/");
        await Expect(picker.Locator("li[role=option]")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await box.PressAsync("Escape");
        await Expect(picker).ToBeHiddenAsync();

        await box.FillAsync("");
        await box.PressSequentiallyAsync("/par");
        await Expect(picker.Locator("li[role=option]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(picker.Locator("li[aria-selected=true]")).ToContainTextAsync("/parcel", Contains);
        await ScreenshotAsync(Page, "canned-replies-picker");
        await box.PressAsync("Enter");
        await Expect(picker).ToBeHiddenAsync();
        // No order in this conversation: {order.number} stays for the operator to fill in (it is selected).
        await Expect(box).ToHaveValueAsync("Hello Canned Carl, your parcel {order.number} is on its way.", new() { Timeout = 20_000 });
        await box.PressSequentiallyAsync("№ 1048576");
        await Expect(box).ToHaveValueAsync("Hello Canned Carl, your parcel № 1048576 is on its way.", new() { Timeout = 20_000 });

        // Arrows and Tab: the second of all replies.
        await box.PressAsync("Control+Enter");
        await Expect(Page.Locator("#timeline li.outbound", new() { HasText = "Hello Canned Carl, your parcel № 1048576 is on its way." })).ToBeVisibleAsync(Visible);
        await box.PressSequentiallyAsync("/");
        await Expect(picker.Locator("li[role=option]")).ToHaveCountAsync(2, new() { Timeout = 20_000 });
        await box.PressAsync("ArrowDown");
        await Expect(picker.Locator("li[aria-selected=true]")).ToContainTextAsync("/thanks", Contains);
        await box.PressAsync("Tab");
        await Expect(box).ToHaveValueAsync("Thank you for waiting!", new() { Timeout = 20_000 });
        Assert.Empty(errors);
    }
}
