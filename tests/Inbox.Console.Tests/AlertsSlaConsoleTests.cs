using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Inbox.Console.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>Alerts for SLA warnings and breaches, under a policy of seconds around the clock.</summary>
public sealed class AlertsSlaConsoleTests : ConsoleTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sla:CheckInterval"] = "00:00:01",
        ["Sla:Policies:0:FirstResponse"] = "00:00:20",
        ["Sla:Policies:0:Resolution"] = "01:00:00",
    };

    [Fact]
    public async Task An_sla_warning_and_breach_on_my_conversation_alert_me()
    {
        var page = await NewPageAsync("en-US");
        await page.Context.AddInitScriptAsync(AlertsConsoleTests.Recorders);
        await LogInAsync(page, "operator");
        await page.ClickAsync("#alerts-menu summary");
        // Only the SLA kind makes a notification in this test.
        await page.UncheckAsync("#alerts-newConversation-notify");
        await page.ClickAsync("#alerts-allow");
        await Expect(page.Locator("#alerts-allow")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // A conversation that is mine at once (assigned through the API), never opened on the page.
        using var api = Server.Client(InboxServer.ApiToken);
        var accepted = await (await api.PostAsJsonAsync("/api/v1/inbound", new
        {
            messageId = "console-" + Guid.NewGuid().ToString("N"),
            customer = new { phone = "+7 916 850-00-01", name = "Sasha Slow" },
            text = "Nobody answers me",
        })).Content.ReadAsStringAsync();
        var id = Regex.Match(accepted, "\"conversationId\":\"([0-9a-f-]{36})\"").Groups[1].Value;
        using (var me = await Server.OperatorClientAsync("operator"))
        {
            (await me.PostAsync($"/api/v1/conversations/{id}/assign", null)).EnsureSuccessStatusCode();
        }

        await AlertsConsoleTests.WaitForNotificationAsync(page, "SLA warning", "The first response deadline is close.");
        await AlertsConsoleTests.WaitForNotificationAsync(page, "SLA warning", "The first response deadline has passed.");
        Assert.True(await page.EvaluateAsync<int>("() => window.__alerts.tones") > 0, "a sound was played");
        Assert.DoesNotContain(await AlertsConsoleTests.NotificationsAsync(page), n => n.Title == "New conversation in the queue");
    }
}
