using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Inbox.Console.Tests.SupervisorConsoleApi;

namespace Inbox.Console.Tests;

/// <summary>
/// Presence in the console (issue 15): every operator's away switch in the top bar, the supervisor's presence panel that
/// follows it live; what an operator sees of the supervisor's view (nothing) and of the transfer control (their own).
/// </summary>
public sealed class PresenceConsoleTests : ConsoleTestBase
{
    [Fact]
    public async Task The_away_switch_changes_presence_and_the_supervisors_panel_shows_it_live()
    {
        await LogInAsync(Page, "supervisor");
        await Page.ClickAsync("#supervisor-toggle");
        var row = Page.Locator("#dash-presence li[data-login='operator']");
        await Expect(row.Locator(".presence-badge")).ToHaveTextAsync("offline", HasText);

        var operatorPage = await NewPageAsync("en-US");
        await LogInAsync(operatorPage, "operator");
        var toggle = operatorPage.Locator("#presence-toggle");
        await Expect(toggle).ToHaveTextAsync("online", HasText);
        await Expect(operatorPage.Locator("#header-presence")).ToHaveTextAsync("online", HasText);
        await Expect(row.Locator(".presence-badge")).ToHaveTextAsync("online", HasText);

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveTextAsync("away", HasText);
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true", Attribute);
        await Expect(row.Locator(".presence-badge")).ToHaveTextAsync("away", HasText);
        await Expect(Page.Locator("#dash-away .figure-value")).ToHaveTextAsync("1", HasText);
        var mine = await operatorPage.APIRequest.GetAsync("/api/v1/me/presence");
        Assert.Contains("\"away\"", await mine.TextAsync());
        await ScreenshotAsync(operatorPage, "presence-away-switch");
        await ScreenshotAsync(Page, "supervisor-presence-panel");

        // Away holds over a reload (the console stays connected within the grace), and back is one click.
        await operatorPage.ReloadAsync();
        await Expect(operatorPage.Locator("#presence-toggle")).ToHaveTextAsync("away", HasText);
        await operatorPage.ClickAsync("#presence-toggle");
        await Expect(operatorPage.Locator("#presence-toggle")).ToHaveTextAsync("online", HasText);
        await Expect(row.Locator(".presence-badge")).ToHaveTextAsync("online", HasText);

        // The supervisor has a switch of their own, in Russian too.
        await Expect(Page.Locator("#presence-toggle")).ToHaveTextAsync("online", HasText);
        await Page.SelectOptionAsync("#lang", "ru");
        await Expect(Page.Locator("#presence-toggle")).ToHaveTextAsync("на месте", HasText);
        await Expect(row.Locator(".presence-badge")).ToHaveTextAsync("на месте", HasText);
    }

    [Fact]
    public async Task An_operator_has_no_dashboard_and_transfers_only_their_own_or_an_unheld_conversation()
    {
        await CreateTeamAsync(Server, "orders", "Orders");
        var waiting = await CustomerWritesAsync(Server, "+7 916 800-30-01", "Ida Waiting", "Anyone?");
        var held = await CustomerWritesAsync(Server, "+7 916 800-30-02", "Jon Held", "Still there?");
        using var operator2Api = await Server.OperatorClientAsync("operator2");
        await TakeAsync(operator2Api, held);

        await LogInAsync(Page, "operator");
        await Expect(Page.Locator("#presence-toggle")).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#supervisor-toggle")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(Page.Locator("#dashboard")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        var live = await Page.APIRequest.GetAsync("/api/v1/reports/live");
        Assert.Equal(403, live.Status);
        var daily = await Page.APIRequest.GetAsync("/api/v1/reports/daily?from=2026-01-01&to=2026-01-01");
        Assert.Equal(403, daily.Status);

        // A queued conversation: the operator may send it to a colleague (by name only: no presence or load) or a team.
        await Page.Locator("#queue-list li", new() { HasText = "Ida Waiting" }).ClickAsync();
        await Expect(Page.Locator("#transfer-team")).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#transfer-operator option", new() { HasText = "Second Operator" })).ToHaveTextAsync("Second Operator", HasText);
        await Expect(Page.Locator("#transfer-operator option", new() { HasText = "Demo Operator" })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Page.SelectOptionAsync("#transfer-team", "orders");
        await Page.FillAsync("#transfer-note", "Belongs to orders");
        await Page.ClickAsync("#transfer-submit");
        await Expect(Page.Locator("#timeline li.event", new() { HasText = "Belongs to orders" })).ToContainTextAsync("transferred the conversation to the team Orders", Contains);
        Assert.Equal("orders", (await ConversationAsync(operator2Api, waiting)).Team);

        // A colleague's conversation: no transfer control (the API would answer 409).
        await Page.ClickAsync("#tabs button[data-tab=all]");
        await Page.Locator("#queue-list li", new() { HasText = "Jon Held" }).ClickAsync();
        await Expect(Page.Locator("#conv-status")).ToHaveTextAsync("assigned · assigned to a colleague", HasText);
        await Expect(Page.Locator("#conv-transfer")).ToBeEmptyAsync(new() { Timeout = 20_000 });
    }
}
