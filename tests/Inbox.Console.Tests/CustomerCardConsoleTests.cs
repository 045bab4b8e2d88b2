using System.Net.Http.Json;
using System.Text.Json;
using Inbox.Console.Tests.Infrastructure;
using Inbox.Domain.Customers;
using Inbox.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The customer card on the right: identities by channel with their reachability, open orders from the order system (the
/// shipped demo orders, the File provider), a link suggestion confirmed, past conversations and notes, and merge and
/// unmerge for supervisors only.
/// </summary>
public sealed class CustomerCardConsoleTests : ConsoleTestBase
{
    private async Task<Guid> CustomerIdAsync(string phone)
    {
        using var op = await Server.OperatorClientAsync();
        var found = await op.GetFromJsonAsync<JsonElement>($"/api/v1/customers?q={Uri.EscapeDataString(phone)}");
        return Assert.Single(found.EnumerateArray().ToList()).GetProperty("customerId").GetGuid();
    }

    [Fact]
    public async Task The_card_shows_identities_by_channel_open_orders_the_past_and_notes_and_confirms_a_suggestion()
    {
        // Demo orders 1048576 and MV-2231187 name +7 916 123-45-67, and ivan@example.com next to it.
        await InboundAsync("+7 916 123-45-67", "Olga Orders", "Where is my fridge?");
        var id = await CustomerIdAsync("+79161234567");
        using (var op = await Server.OperatorClientAsync())
        {
            (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/notes", new { text = "Promised a technician on Friday" })).EnsureSuccessStatusCode();
            (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();
        }

        await InboundAsync("+7 916 123-45-67", "Olga Orders", "And now the oven is broken");
        // The customer replied STOP to SMS: the phone is unreachable by SMS.
        await Server.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(id)
            .SetReachableAsync("sms", new ChannelIdentity("phone", "+79161234567"), false, "replied STOP");

        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Olga Orders" }).ClickAsync();
        var card = Page.Locator("#customer-card");

        // Identities by channel, the phone marked unreachable by SMS.
        var phones = card.Locator(".identity-group[data-kind=phone]");
        await Expect(phones).ToContainTextAsync("Phone", Contains);
        var phone = phones.Locator("li[data-identity='phone:+79161234567']");
        await Expect(phone).ToHaveAttributeAsync("data-reachable", "false", Attribute);
        await Expect(phone).ToContainTextAsync("unreachable by SMS: replied STOP", Contains);

        // Open orders.
        await Expect(card.Locator("#customer-orders li.order[data-order='1048576']")).ToContainTextAsync("Передан в службу доставки", Contains);
        await Expect(card.Locator("#customer-orders li.order")).ToHaveCountAsync(2, new() { Timeout = 20_000 });

        // The past conversation and the note.
        var past = card.Locator("#customer-past .past-conversation");
        await Expect(past).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Expect(past).ToContainTextAsync("Where is my fridge?", Contains);
        await Expect(card.Locator("#customer-notes")).ToContainTextAsync("Promised a technician on Friday", Contains);
        await ScreenshotAsync(Page, "customer-card");

        // Clicking the past conversation shows its first message on the timeline.
        await past.ClickAsync();
        await Expect(Page.Locator("#timeline li.customer-highlight")).ToContainTextAsync("Where is my fridge?", Contains);

        // The order names ivan@example.com next to the phone: confirming links it.
        var suggestion = card.Locator("#customer-suggestions li.suggestion[data-identity='email:ivan@example.com']");
        await Expect(suggestion).ToContainTextAsync("1048576", Contains);
        await suggestion.Locator("button.link-identity").ClickAsync();
        await Expect(card.Locator("#customer-result")).ToContainTextAsync("Linked email:ivan@example.com", Contains);
        await Expect(card.Locator(".identity-group[data-kind=email] li[data-identity='email:ivan@example.com']")).ToBeVisibleAsync(Visible);
        await Expect(card.Locator("li.suggestion[data-identity='email:ivan@example.com']")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        using var check = await Server.OperatorClientAsync();
        var customer = await check.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{id}");
        Assert.Contains("email:ivan@example.com", customer.GetProperty("customer").GetProperty("identities").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task A_supervisor_merges_two_customers_and_unmerges_them_and_an_operator_sees_no_merge()
    {
        await InboundAsync("+7 916 200-00-01", "Anna Alpha", "First card");
        await InboundAsync("+7 916 200-00-02", "Anna Beta", "Second card");

        // An operator sees the card without merge or unmerge.
        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Anna Alpha" }).ClickAsync();
        await Expect(Page.Locator("#customer-card #customer-past")).ToBeVisibleAsync(Visible);
        await Expect(Page.Locator("#customer-card #customer-orders")).ToContainTextAsync("No open orders", Contains);
        await Expect(Page.Locator("#customer-merge")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#customer-card button.unmerge, #customer-card button.merge-candidate")).ToHaveCountAsync(0);

        var supervisor = await NewPageAsync("en-US");
        await LogInAsync(supervisor, "supervisor");
        await supervisor.Locator("#queue-list li", new() { HasText = "Anna Alpha" }).ClickAsync();
        var card = supervisor.Locator("#customer-card");
        // Typed while the card's parts are still arriving: each arrival draws the card again, and the text stays.
        await supervisor.FillAsync("#customer-merge-q", "+7 916 200-00-02");
        await Expect(card.Locator("#customer-orders")).ToContainTextAsync("No open orders", Contains);
        await Expect(card.Locator("p.muted", new() { HasText = "Loading…" })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(supervisor.Locator("#customer-merge-q")).ToHaveValueAsync("+7 916 200-00-02");
        await card.Locator(".merge-search button[type=submit]").ClickAsync();
        await card.Locator(".merge-results li", new() { HasText = "Anna Beta" }).Locator("button.merge-candidate").ClickAsync();

        // A confirmation step, then the result.
        await Expect(card.Locator("#customer-confirm")).ToContainTextAsync("Merge Anna Beta into Anna Alpha?", Contains);
        await card.Locator("#customer-confirm button.confirm-yes").ClickAsync();
        await Expect(card.Locator("#customer-result")).ToContainTextAsync("Merged Anna Beta", Contains);
        await Expect(card.Locator("li[data-identity='phone:+79162000002']")).ToBeVisibleAsync(Visible);
        await Expect(supervisor.Locator("#timeline")).ToContainTextAsync("Second card", Contains);
        var merged = card.Locator("ul.merged li", new() { HasText = "Anna Beta" });
        await Expect(merged).ToBeVisibleAsync(Visible);
        await ScreenshotAsync(supervisor, "customer-card-merged");

        await merged.Locator("button.unmerge").ClickAsync();
        await Expect(card.Locator("#customer-confirm")).ToContainTextAsync("Split Anna Beta off from Anna Alpha", Contains);
        await card.Locator("#customer-confirm button.confirm-yes").ClickAsync();
        await Expect(card.Locator("#customer-result")).ToContainTextAsync("Unmerged Anna Beta", Contains);
        await Expect(card.Locator("li[data-identity='phone:+79162000002']")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await Expect(card.Locator("ul.merged")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        Assert.NotEqual(await CustomerIdAsync("+79162000001"), await CustomerIdAsync("+79162000002"));
    }
}
