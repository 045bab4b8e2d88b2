using System.Text.RegularExpressions;
using Inbox.Domain.Conversations;
using Inbox.Domain.Live;
using Inbox.Domain.Sla;
using Inbox.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static Inbox.Console.Tests.SupervisorConsoleApi;

namespace Inbox.Console.Tests;

/// <summary>
/// The supervisor's view (issue 15): the dashboard's live and daily figures against a scripted floor, following a new
/// message live, in English and Russian; assigning a conversation to an operator or a team through the transfer control.
/// </summary>
public sealed class SupervisorConsoleTests : ConsoleTestBase
{
    // The API channel asks for a rating after a resolve only when CSAT is on for it (it is off by default).
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Csat:Channels:api"] = "true" };

    [Fact]
    public async Task The_dashboard_shows_the_hand_counted_floor_and_today_and_follows_a_new_message_live()
    {
        // The floor, scripted: four customers write; two go to the orders team's queue; the operator answers and resolves
        // one (rated 4) and takes another without answering; the second operator answers and resolves one of the orders
        // queue (rated 5). Left: nobody waiting without a team, one waiting in orders; the operator holds one.
        await CreateTeamAsync(Server, "orders", "Orders");
        var alice = await CustomerWritesAsync(Server, "+7 916 800-00-01", "Alice Floor", "Where is my parcel?");
        var boris = await CustomerWritesAsync(Server, "+7 916 800-00-02", "Boris Floor", "I want to change my order");
        var clara = await CustomerWritesAsync(Server, "+7 916 800-00-03", "Clara Floor", "Order 42 is late");
        var denis = await CustomerWritesAsync(Server, "+7 916 800-00-04", "Denis Floor", "Hello?");
        await TransferToTeamAsync(Server, boris, "orders", "An order change");
        await TransferToTeamAsync(Server, clara, "orders", "A late order");

        using var operatorApi = await Server.OperatorClientAsync("operator");
        using var operator2Api = await Server.OperatorClientAsync("operator2");
        await TakeAsync(operatorApi, alice);
        await ReplyAsync(operatorApi, alice, "It arrives tomorrow.");
        await ResolveAsync(operatorApi, alice);
        await CustomerWritesAsync(Server, "+7 916 800-00-01", "Alice Floor", "4");
        await TakeAsync(operatorApi, denis);
        await TakeAsync(operator2Api, boris);
        await ReplyAsync(operator2Api, boris, "Done, changed.");
        await ResolveAsync(operator2Api, boris);
        await CustomerWritesAsync(Server, "+7 916 800-00-02", "Boris Floor", "5");

        // The operator has a console open (online); the second operator has none (offline).
        var operatorPage = await NewPageAsync("en-US");
        await LogInAsync(operatorPage, "operator");

        await LogInAsync(Page, "supervisor");
        await Page.ClickAsync("#supervisor-toggle");
        var dashboard = Page.Locator("#dashboard");
        await Expect(dashboard).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#supervisor-toggle")).ToHaveTextAsync("Hide dashboard", HasText);

        // Live: the queue of each team, the operators' presence and load.
        var noTeam = dashboard.Locator("#dash-queues tr[data-team='']");
        var orders = dashboard.Locator("#dash-queues tr[data-team='orders']");
        await Expect(noTeam.Locator(".team")).ToHaveTextAsync("No team", HasText);
        await Expect(noTeam.Locator(".queued")).ToHaveTextAsync("0", HasText);
        await Expect(noTeam.Locator(".oldest")).ToHaveTextAsync("—", HasText);
        await Expect(orders.Locator(".team")).ToHaveTextAsync("Orders", HasText);
        await Expect(orders.Locator(".queued")).ToHaveTextAsync("1", HasText);
        var oldest = orders.Locator(".oldest");
        await Expect(oldest).ToHaveTextAsync(new Regex(@"^\d+ (s|min)$"), HasText);
        var shown = await oldest.TextContentAsync();
        await Expect(oldest).Not.ToHaveTextAsync(shown!, HasText); // Clara's wait ticks without a push

        var operatorRow = dashboard.Locator("#dash-presence li[data-login='operator']");
        await Expect(operatorRow.Locator(".presence-badge")).ToHaveTextAsync("online", HasText);
        await Expect(operatorRow.Locator(".load")).ToHaveTextAsync("1 of 5", HasText);
        var operator2Row = dashboard.Locator("#dash-presence li[data-login='operator2']");
        await Expect(operator2Row.Locator(".presence-badge")).ToHaveTextAsync("offline", HasText);
        await Expect(operator2Row.Locator(".load")).ToHaveTextAsync("0 of 5", HasText);
        await Expect(dashboard.Locator("#dash-sla-none")).ToBeVisibleAsync(Visible);

        // Today: four conversations, two first responses, two resolved, two ratings (4 and 5), nothing with the bot.
        await Expect(dashboard.Locator("#dash-conversations .figure-value")).ToHaveTextAsync("4", HasText);
        await Expect(dashboard.Locator("#dash-first-responses .figure-value")).ToHaveTextAsync("2", HasText);
        await Expect(dashboard.Locator("#dash-resolved .figure-value")).ToHaveTextAsync("2", HasText);
        await Expect(dashboard.Locator("#dash-csat .figure-value")).ToHaveTextAsync("4.50", HasText);
        await Expect(dashboard.Locator("#dash-csat .figure-hint")).ToHaveTextAsync("2 ratings, 100% satisfied", HasText);
        await Expect(dashboard.Locator("#dash-handoffs .figure-value")).ToHaveTextAsync("0", HasText);
        await Expect(dashboard.Locator("#dash-containment .figure-value")).ToHaveTextAsync("—", HasText);
        await Expect(dashboard).Not.ToContainTextAsync("null", new() { Timeout = 20_000 });
        await ScreenshotAsync(Page, "supervisor-dashboard-en");

        // A new customer writes: the live figures follow at once, today's after the next refresh (a few seconds).
        await CustomerWritesAsync(Server, "+7 916 800-00-05", "Emil Floor", "Is anyone there?");
        await Expect(noTeam.Locator(".queued")).ToHaveTextAsync("1", HasText);
        await Expect(noTeam.Locator(".oldest")).ToHaveTextAsync(new Regex(@"^\d+ s$"), HasText);
        await Expect(dashboard.Locator("#dash-conversations .figure-value")).ToHaveTextAsync("5", HasText);
        await Expect(dashboard.Locator("#dash-first-responses .figure-value")).ToHaveTextAsync("2", HasText);

        // The same dashboard in Russian.
        var russian = await NewPageAsync("ru-RU");
        await LogInAsync(russian, "supervisor", "на связи");
        await russian.ClickAsync("#supervisor-toggle");
        var ruDashboard = russian.Locator("#dashboard");
        await Expect(ruDashboard.Locator("h2")).ToHaveTextAsync("Смена сейчас и за сегодня", HasText);
        await Expect(ruDashboard.Locator("#dash-queues tr[data-team='orders'] .queued")).ToHaveTextAsync("1", HasText);
        await Expect(ruDashboard.Locator("#dash-queues tr[data-team=''] .team")).ToHaveTextAsync("Без команды", HasText);
        await Expect(ruDashboard.Locator("#dash-presence li[data-login='operator'] .presence-badge")).ToHaveTextAsync("на месте", HasText);
        await Expect(ruDashboard.Locator("#dash-presence li[data-login='operator'] .load")).ToHaveTextAsync("1 из 5", HasText);
        await Expect(ruDashboard.Locator("#dash-conversations .figure-value")).ToHaveTextAsync("5", HasText);
        await Expect(ruDashboard.Locator("#dash-csat .figure-hint")).ToHaveTextAsync("2 оценки, довольны 100%", HasText);
        await ScreenshotAsync(russian, "supervisor-dashboard-ru");

        // Hidden again, the list and the conversation are as they were.
        await Page.ClickAsync("#supervisor-toggle");
        await Expect(dashboard).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(Page.Locator("#queue-list li", new() { HasText = "Emil Floor" })).ToBeVisibleAsync(Visible);
    }

    [Fact]
    public async Task A_supervisor_assigns_a_conversation_to_an_operator_whose_console_shows_it_under_mine()
    {
        await CustomerWritesAsync(Server, "+7 916 800-10-01", "Greta Assign", "Please call me back");
        using var operatorApi = await Server.OperatorClientAsync("operator");
        var operatorId = await OperatorIdAsync(operatorApi);

        var operatorPage = await NewPageAsync("en-US");
        await LogInAsync(operatorPage, "operator");
        await LogInAsync(Page, "supervisor");
        await Page.Locator("#queue-list li", new() { HasText = "Greta Assign" }).ClickAsync();
        await Expect(Page.Locator("#conv-status")).ToHaveTextAsync("queued", HasText);

        // The operator is listed with their presence and load; the supervisor picks them and says why.
        var option = Page.Locator($"#transfer-operator option[value='{operatorId}']");
        await Expect(option).ToHaveTextAsync("Demo Operator (online, 0 of 5)", HasText);
        await Page.SelectOptionAsync("#transfer-operator", operatorId.ToString());
        await Page.FillAsync("#transfer-note", "She asked for you by name");
        await ScreenshotAsync(Page, "supervisor-transfer-control");
        await Page.ClickAsync("#transfer-submit");

        await Expect(Page.Locator("#transfer-done")).ToHaveTextAsync("Transferred to Demo Operator.", HasText);
        await Expect(Page.Locator("#conv-status")).ToHaveTextAsync("assigned · assigned to a colleague", HasText);
        await Expect(Page.Locator("#timeline li.event", new() { HasText = "She asked for you by name" })).ToContainTextAsync("Demo Operator", Contains);
        // The picker follows: the assignee is no longer among whom to transfer to.
        await Expect(option).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // The operator's console, in its own browser context, has it under Mine.
        await operatorPage.ClickAsync("#tabs button[data-tab=mine]");
        var mine = operatorPage.Locator("#queue-list li", new() { HasText = "Greta Assign" });
        await Expect(mine).ToBeVisibleAsync(Visible);
        await mine.ClickAsync();
        await Expect(operatorPage.Locator("#conv-status")).ToHaveTextAsync("assigned · assigned to me", HasText);
        Assert.Equal(("assigned", (Guid?)operatorId), await AssigneeAsync(operatorApi, "Greta Assign"));
    }

    [Fact]
    public async Task A_transfer_to_a_team_needs_a_note_and_the_note_shows_on_the_timeline()
    {
        await CreateTeamAsync(Server, "orders", "Orders");
        var id = await CustomerWritesAsync(Server, "+7 916 800-20-01", "Hugo Team", "My order 77 never came");
        using var operatorApi = await Server.OperatorClientAsync("operator");
        await TakeAsync(operatorApi, id);

        await LogInAsync(Page, "supervisor");
        await Page.ClickAsync("#tabs button[data-tab=all]");
        await Page.Locator("#queue-list li", new() { HasText = "Hugo Team" }).ClickAsync();
        await Expect(Page.Locator("#conv-status")).ToHaveTextAsync("assigned · assigned to a colleague", HasText);

        // Nothing picked, then no note: said, and nothing sent.
        await Page.ClickAsync("#transfer-submit");
        await Expect(Page.Locator("#transfer-error")).ToHaveTextAsync("Pick an operator or a team.", HasText);
        await Page.SelectOptionAsync("#transfer-team", new SelectOptionValue { Label = "Orders" });
        await Page.ClickAsync("#transfer-submit");
        await Expect(Page.Locator("#transfer-error")).ToHaveTextAsync("Write a note: it is kept on the timeline.", HasText);
        Assert.Equal(("assigned", null), (await ConversationAsync(operatorApi, id)) is var c ? (c.Status, c.Team) : default);

        await Page.FillAsync("#transfer-note", "Order question, for the orders team");
        await Page.ClickAsync("#transfer-submit");
        await Expect(Page.Locator("#timeline li.event", new() { HasText = "Order question, for the orders team" }))
            .ToContainTextAsync("transferred the conversation to the team Orders", Contains);
        await Expect(Page.Locator("#conv-status")).ToHaveTextAsync("queued", HasText);
        await Expect(Page.Locator("#conv-team")).ToHaveTextAsync(new Regex("Orders"), HasText);
        await Expect(Page.Locator("#transfer-error")).ToBeEmptyAsync(new() { Timeout = 20_000 });
        var now = await ConversationAsync(operatorApi, id);
        Assert.Equal(("queued", null, "orders"), (now.Status, now.AssigneeId, now.Team));
    }

    [Fact]
    public async Task A_conversation_at_sla_risk_is_listed_and_opens_with_a_click()
    {
        var late = await CustomerWritesAsync(Server, "+7 916 800-40-01", "Kira Late", "Nobody answers me");
        var due = DateTimeOffset.UtcNow.AddMinutes(-1);
        await WriteSlaBreachAsync(late, due);

        await LogInAsync(Page, "supervisor");
        await Page.ClickAsync("#supervisor-toggle");
        var risk = Page.Locator($"#dash-sla li[data-conversation-id='{late}']");
        await Expect(risk).ToContainTextAsync("First response breached", Contains);
        await Expect(risk).ToContainTextAsync("No team", Contains);
        await Expect(risk).ToContainTextAsync("unassigned", Contains);
        await risk.Locator("button").ClickAsync();
        await Expect(Page.Locator("#conv-title")).ToHaveTextAsync("Kira Late", HasText);
        await Expect(Page.Locator("#timeline li.inbound")).ToContainTextAsync("Nobody answers me", Contains);
    }

    /// <summary>
    /// An SLA breach written through the store as the SLA watcher does (the timeline item and the breached clock row in one
    /// commit, the way the reports' own tests do); the conversation's grain is not told, so nothing more is written to it.
    /// </summary>
    private async Task WriteSlaBreachAsync(Guid conversationId, DateTimeOffset dueAt)
    {
        var store = Server.Services.GetRequiredService<IConversationStore>();
        var current = (await store.GetConversationAsync(conversationId))!;
        var now = DateTimeOffset.UtcNow;
        var sequence = current.LastSequence + 1;
        var metadata = new Dictionary<string, string>
        {
            [TimelineActions.Key] = TimelineActions.SlaBreached,
            ["target"] = SlaTargets.FirstResponse,
            ["dueAt"] = dueAt.ToString("O"),
        };
        var item = new TimelineMessage(Guid.NewGuid(), conversationId, sequence, MessageKind.Event, "event", null, null, "First response breached",
            null, null, null, null, now, now, Metadata: metadata);
        var next = current with { LastSequence = sequence, UpdatedAt = now };
        var clock = new SlaClockRecord(conversationId, SlaTargets.FirstResponse, current.QueuedAt ?? now, dueAt, dueAt, null, ConversationPriority.Normal, Warned: true, Breached: true);
        await store.CommitAsync(new ConversationCommit(next, [new LiveEvent(conversationId, sequence, LiveEventTypes.MessageCreated, now, next, item)], NewMessage: item,
            SlaClocks: [clock]));
    }

    private static async Task<(string Status, Guid? AssigneeId)> AssigneeAsync(HttpClient client, string customerName)
    {
        var response = await client.GetAsync($"/api/v1/conversations?status=assigned&q={Uri.EscapeDataString(customerName)}");
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var items = json.RootElement.GetProperty("items");
        Assert.Equal(1, items.GetArrayLength());
        var id = items[0].GetProperty("conversation").GetProperty("conversationId").GetGuid();
        var c = await ConversationAsync(client, id);
        return (c.Status, c.AssigneeId);
    }
}
