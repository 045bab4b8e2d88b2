using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The conversation list for a working day (issue 15): the Resolved tab, search (name, phone, order number), filters and
/// sorting that survive a language switch and end at logout, the keyboard, and the phone's one column.
/// </summary>
public sealed class ConsoleListTests : ConsoleTestBase
{
    private static readonly LocatorAssertionsToHaveCountOptions Count = new() { Timeout = 20_000 };
    private static readonly LocatorAssertionsToHaveValueOptions Value = new() { Timeout = 20_000 };

    [Fact]
    public async Task The_list_is_searched_filtered_and_sorted_and_resolved_conversations_have_their_tab()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await InboundAsync("+7 916 111-22-31", "Anna Alpha", "Where is my parcel?");
        await InboundAsync("+7 916 111-22-32", "Boris Beta", "I want to change the address");
        // The demo order 7770001 names +7 903 555-00-11.
        await InboundAsync("+7 903 555 00 11", "Petr Orders", "What about my order?");
        await LogInAsync(Page, "operator");
        var items = Page.Locator("#queue-list li");
        await Expect(items).ToHaveCountAsync(3, Count);
        await Expect(Page.Locator("#list-search")).ToHaveAttributeAsync("placeholder", "Search: name, phone, e-mail, order number", Attribute);
        // An operator may not read the operators' list: the assignee filter offers anyone, me and nobody.
        await Expect(Page.Locator("#list-assignee option")).ToHaveTextAsync(["anyone", "me", "nobody"], new() { Timeout = 20_000 });

        // Search by name, by phone in another writing, by order number; a search that finds nothing says so.
        await Page.FillAsync("#list-search", "boris");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Boris Beta", Contains);
        await Page.FillAsync("#list-search", "8 (916) 111-22-31");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Anna Alpha", Contains);
        await Page.FillAsync("#list-search", "7770001");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Petr Orders", Contains);
        await Page.FillAsync("#list-search", "nobody-at-all");
        await Expect(Page.Locator("#queue-total")).ToHaveTextAsync("Nothing found for “nobody-at-all”.", HasText);
        await Expect(items).ToHaveCountAsync(0, Count);
        await Page.FillAsync("#list-search", "");
        await Expect(items).ToHaveCountAsync(3, Count);

        // Anna's question is answered and resolved: she leaves the queue and is on the Resolved tab.
        await items.Filter(new() { HasText = "Anna Alpha" }).ClickAsync();
        await Expect(Page.Locator("#conv-title")).ToHaveTextAsync("Anna Alpha", HasText);
        await Page.ClickAsync(".actions button[data-action=resolve]");
        await Expect(items).ToHaveCountAsync(2, Count);
        await Page.ClickAsync("#tabs button[data-tab=resolved]");
        await Expect(Page.Locator("#tabs button[data-tab=resolved]")).ToHaveTextAsync("Resolved", HasText);
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Anna Alpha", Contains);
        await Expect(items.First).ToContainTextAsync("resolved", Contains);

        // The All tab: the sort changes the order.
        await Page.ClickAsync("#tabs button[data-tab=all]");
        await Expect(items).ToHaveCountAsync(2, Count);
        await Page.SelectOptionAsync("#list-sort", "oldest");
        await Expect(items.First).ToContainTextAsync("Boris Beta", Contains);
        await Page.SelectOptionAsync("#list-sort", "newest");
        await Expect(items.First).ToContainTextAsync("Petr Orders", Contains);

        // Boris is mine; the assignee filter shows mine, or nobody's.
        await items.Filter(new() { HasText = "Boris Beta" }).ClickAsync();
        await Expect(Page.Locator("#conv-title")).ToHaveTextAsync("Boris Beta", HasText);
        await Page.ClickAsync(".actions button[data-action=assign]");
        await Expect(Page.Locator("#conv-status")).ToContainTextAsync("assigned to me", Contains);
        await Page.SelectOptionAsync("#list-assignee", "me");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Boris Beta", Contains);
        await Page.SelectOptionAsync("#list-assignee", "none");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Petr Orders", Contains);
        // A channel none of them wrote from: nothing matches.
        await Page.SelectOptionAsync("#list-channel", "telegram");
        await Expect(Page.Locator("#queue-total")).ToHaveTextAsync("Nothing matches these filters.", HasText);
        await Page.SelectOptionAsync("#list-channel", "api");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Page.FillAsync("#list-search", "petr");
        await Expect(items).ToHaveCountAsync(1, Count);
        await ScreenshotAsync(Page, "list-filters");

        // In Russian the filters stay as they were.
        await Page.SelectOptionAsync("#lang", "ru");
        await Expect(Page.Locator("#tabs button[data-tab=resolved]")).ToHaveTextAsync("Решённые", HasText);
        await Expect(Page.Locator("#list-filters")).ToContainTextAsync("Исполнитель", Contains);
        await Expect(Page.Locator("#list-assignee")).ToHaveValueAsync("none", Value);
        await Expect(Page.Locator("#list-sort")).ToHaveValueAsync("newest", Value);
        await Expect(Page.Locator("#list-channel")).ToHaveValueAsync("api", Value);
        await Expect(Page.Locator("#list-search")).ToHaveValueAsync("petr", Value);
        await Expect(Page.Locator("#list-assignee option:checked")).ToHaveTextAsync("никто", HasText);
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Petr Orders", Contains);
        await ScreenshotAsync(Page, "list-filters-ru");
        await Page.SelectOptionAsync("#lang", "en");

        // A logout forgets them: the next operator starts with the whole queue.
        await Page.ClickAsync("#logout");
        await Expect(Page.Locator("#login")).ToBeVisibleAsync(Visible);
        await LogInAsync(Page, "operator2");
        await Expect(Page.Locator("#list-search")).ToHaveValueAsync("", Value);
        await Expect(Page.Locator("#list-assignee")).ToHaveValueAsync("", Value);
        await Expect(Page.Locator("#list-sort")).ToHaveValueAsync("", Value);
        await Expect(Page.Locator("#tabs button[data-tab=queued]")).ToHaveClassAsync("active", new() { Timeout = 20_000 });
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Petr Orders", Contains);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_supervisor_filters_by_a_named_operator()
    {
        await InboundAsync("+7 916 111-22-41", "Clara Colleague", "Hello");
        await InboundAsync("+7 916 111-22-42", "Dmitry Nobody", "Hello too");
        using (var op = Server.Client(await Server.TokenAsync("operator")))
        {
            using var api = Server.Client(InboxServer.ApiToken);
            var list = await op.GetStringAsync("/api/v1/conversations?status=queued&q=Clara");
            var id = System.Text.Json.JsonDocument.Parse(list).RootElement.GetProperty("items")[0].GetProperty("conversation").GetProperty("conversationId").GetString();
            (await op.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        }

        await LogInAsync(Page, "supervisor");
        await Page.ClickAsync("#tabs button[data-tab=all]");
        var items = Page.Locator("#queue-list li");
        await Expect(items).ToHaveCountAsync(2, Count);
        // Supervisors may read every operator, so the filter names them.
        await Expect(Page.Locator("#list-assignee option", new() { HasText = "Demo Operator" })).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#list-assignee option", new() { HasText = "Second Operator" })).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await Page.SelectOptionAsync("#list-assignee", new SelectOptionValue { Label = "Demo Operator" });
        await Expect(items).ToHaveCountAsync(1, Count);
        await Expect(items.First).ToContainTextAsync("Clara Colleague", Contains);
    }

    [Fact]
    public async Task The_keyboard_moves_through_the_list_opens_and_finds()
    {
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await InboundAsync("+7 916 111-22-51", "First Customer", "one");
        await InboundAsync("+7 916 111-22-52", "Second Customer", "two");
        await InboundAsync("+7 916 111-22-53", "Third Customer", "three");
        await LogInAsync(Page, "operator");
        var items = Page.Locator("#queue-list li");
        await Expect(items).ToHaveCountAsync(3, Count);
        var title = Page.Locator("#conv-title");

        // The queue's order is the longest wait first.
        await Page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(title).ToHaveTextAsync("First Customer", HasText);
        await Page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(title).ToHaveTextAsync("Second Customer", HasText);
        await Expect(items.Nth(1)).ToHaveClassAsync("selected", new() { Timeout = 20_000 });
        await Page.Keyboard.PressAsync("j");
        await Expect(title).ToHaveTextAsync("Third Customer", HasText);
        await Page.Keyboard.PressAsync("k");
        await Expect(title).ToHaveTextAsync("Second Customer", HasText);
        await Page.Keyboard.PressAsync("Alt+ArrowUp");
        await Expect(title).ToHaveTextAsync("First Customer", HasText);

        // In the reply box the letters and "/" are the operator's text; Alt+↓ still moves.
        await Page.FocusAsync("#reply-text");
        await Page.Keyboard.TypeAsync("jk/");
        await Expect(Page.Locator("#reply-text")).ToHaveValueAsync("jk/", Value);
        await Expect(title).ToHaveTextAsync("First Customer", HasText);
        await Expect(Page.Locator("#list-search")).Not.ToBeFocusedAsync(new() { Timeout = 20_000 });
        await Page.FillAsync("#reply-text", "");
        await Page.Keyboard.PressAsync("Alt+ArrowDown");
        await Expect(title).ToHaveTextAsync("Second Customer", HasText);

        // "/" outside a text field goes to the search box.
        await Page.Locator("#conv-title").ClickAsync();
        await Page.Keyboard.PressAsync("/");
        await Expect(Page.Locator("#list-search")).ToBeFocusedAsync(new() { Timeout = 20_000 });
        await Page.Keyboard.TypeAsync("Third");
        await Expect(items).ToHaveCountAsync(1, Count);
        await Page.Keyboard.PressAsync("Escape");
        await Page.Keyboard.PressAsync("j");
        await Expect(title).ToHaveTextAsync("Third Customer", HasText);

        // "?" lists the shortcuts; Escape closes the list.
        await Page.Keyboard.PressAsync("?");
        var help = Page.Locator("#list-shortcuts");
        await Expect(help).ToBeVisibleAsync(Visible);
        await Expect(help).ToContainTextAsync("open the next conversation in the list", Contains);
        await Expect(help).ToContainTextAsync("Alt+↓", Contains);
        await ScreenshotAsync(Page, "list-shortcuts");
        await Page.SelectOptionAsync("#lang", "ru");
        await Expect(help).ToContainTextAsync("открыть следующий разговор в списке", Contains);
        await Page.Locator("#conv-title").ClickAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(help).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task At_phone_width_the_console_is_one_column_with_a_way_back()
    {
        var errors = new List<string>();
        await InboundAsync("+7 916 111-22-61", "Phone Customer", "Can I pay on delivery?");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "en-US",
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.PageError += (_, error) => errors.Add(error);
        await LogInAsync(page, "operator");

        var queue = page.Locator("aside.queue");
        var conversation = page.Locator("#conversation");
        var customer = page.Locator("#customer-card");
        var item = page.Locator("#queue-list li", new() { HasText = "Phone Customer" });
        await Expect(item).ToBeVisibleAsync(Visible);
        await Expect(conversation).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(customer).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.True((await queue.BoundingBoxAsync())!.Width >= 370, "the list takes the whole width");
        await ScreenshotAsync(page, "phone-list");

        await item.ClickAsync();
        await Expect(page.Locator("#conv-title")).ToHaveTextAsync("Phone Customer", HasText);
        await Expect(conversation).ToBeVisibleAsync(Visible);
        await Expect(queue).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.True((await conversation.BoundingBoxAsync())!.Width >= 370, "the conversation takes the whole width");
        Assert.True((await page.Locator("#reply-text").BoundingBoxAsync())!.Width >= 200, "the reply box is wide enough to write in");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Can I pay on delivery?", Contains);
        await Expect(page.Locator("#phone-back")).ToBeVisibleAsync(Visible);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "nothing sticks out sideways");
        await ScreenshotAsync(page, "phone-conversation");

        // The customer card is a button away, and back.
        await page.ClickAsync("#phone-customer");
        await Expect(customer).ToBeVisibleAsync(Visible);
        await Expect(customer).ToContainTextAsync("Phone Customer", Contains);
        await Expect(conversation).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.True((await customer.BoundingBoxAsync())!.Width >= 370, "the card takes the whole width");
        await ScreenshotAsync(page, "phone-customer");
        await page.ClickAsync("#phone-customer-back");
        await Expect(conversation).ToBeVisibleAsync(Visible);

        await page.ClickAsync("#phone-back");
        await Expect(item).ToBeVisibleAsync(Visible);
        await Expect(conversation).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#phone-back")).ToBeHiddenAsync(new() { Timeout = 20_000 });

        // On a wide screen the three columns stay, without the phone's buttons.
        await Page.SetViewportSizeAsync(1400, 800);
        await LogInAsync(Page, "operator2");
        await Page.Locator("#queue-list li", new() { HasText = "Phone Customer" }).ClickAsync();
        await Expect(Page.Locator("#conv-title")).ToHaveTextAsync("Phone Customer", HasText);
        await Expect(Page.Locator("aside.queue")).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#phone-back")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.True((await Page.Locator("#conversation").BoundingBoxAsync())!.Width >= 600);
        await context.CloseAsync();
        Assert.Empty(errors);
    }
}
