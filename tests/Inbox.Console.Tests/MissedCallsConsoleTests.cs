using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Inbox.Console.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// Missed calls made through the generic CTI webhook: a count in the top bar, the list, acknowledge (gone for every
/// console, live), and "call back" on an unknown caller, which creates the customer.
/// </summary>
public sealed class MissedCallsConsoleTests : ConsoleTestBase
{
    private const string CtiToken = "console-cti-token-0123456789";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telephony:Cti:Token"] = CtiToken };

    /// <summary>A call that rings and is hung up unanswered (no cause: missed, as in Zammad's CTI).</summary>
    private async Task MissedCallAsync(string from)
    {
        using var client = Server.Client();
        var callId = "console-" + Guid.NewGuid().ToString("N");
        foreach (var name in new[] { "newCall", "hangup" })
        {
            var json = $$"""{"event":"{{name}}","from":"{{from}}","to":"74951234567","direction":"in","callId":"{{callId}}"}""";
            var response = await client.PostAsync($"/webhooks/cti/{CtiToken}", new StringContent(json, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_missed_call_shows_as_a_count_and_in_the_list_and_acknowledged_it_leaves_every_console()
    {
        await InboundAsync("+7 916 300-00-01", "Mila Missed", "Please call me back");
        await LogInAsync(Page, "operator");
        var colleague = await NewPageAsync("en-US");
        await LogInAsync(colleague, "operator2");

        await MissedCallAsync("89163000001");

        var count = Page.Locator("#header-calls #missed-calls-toggle");
        await Expect(count).ToHaveTextAsync("1 missed call", HasText);
        await Expect(colleague.Locator("#missed-calls-toggle")).ToHaveTextAsync("1 missed call", HasText);
        await count.ClickAsync();
        var call = Page.Locator("#missed-calls li.missed-call");
        await Expect(call).ToContainTextAsync("+79163000001", Contains);
        await Expect(call.Locator(".customer-name")).ToHaveTextAsync("Mila Missed", HasText);
        await Expect(call.Locator("a.tel")).ToHaveAttributeAsync("href", "tel:+79163000001", Attribute);
        await ScreenshotAsync(Page, "missed-calls");

        // Call back on a known customer opens their conversation.
        await call.Locator("button.call-back").ClickAsync();
        await Expect(Page.Locator("#conv-title")).ToHaveTextAsync("Mila Missed", HasText);

        await call.Locator("button.acknowledge").ClickAsync();
        await Expect(Page.Locator("#missed-calls li.missed-call")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(count).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        // The colleague's console drops it live, and a fresh load does not bring it back.
        await Expect(colleague.Locator("#missed-calls-toggle")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await colleague.ReloadAsync();
        await Expect(colleague.Locator("#connection")).ToHaveTextAsync("live", HasText);
        await Expect(colleague.Locator("#missed-calls-toggle")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Call_back_on_an_unknown_caller_creates_the_customer()
    {
        await LogInAsync(Page, "operator");
        await MissedCallAsync("89034445566");

        await Page.ClickAsync("#missed-calls-toggle");
        var call = Page.Locator("#missed-calls li.missed-call", new() { HasText = "+79034445566" });
        await Expect(call.Locator(".customer-name")).ToHaveTextAsync("unknown caller", HasText);
        await call.Locator("button.call-back").ClickAsync();
        await Expect(call).ToContainTextAsync("Customer created for +79034445566", Contains);
        await Expect(call.Locator(".customer-name")).ToHaveTextAsync("phone:+79034445566", HasText);

        using var op = await Server.OperatorClientAsync();
        var found = await op.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=%2B79034445566");
        var customer = Assert.Single(found.EnumerateArray().ToList());
        Assert.Contains("phone:+79034445566", customer.GetProperty("identities").EnumerateArray().Select(i => i.GetString()));

        // A second click does not create another customer.
        await call.Locator("button.call-back").ClickAsync();
        await Expect(call).ToContainTextAsync("Customer created", Contains);
        var again = await op.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=%2B79034445566");
        Assert.Single(again.EnumerateArray().ToList());
    }
}
