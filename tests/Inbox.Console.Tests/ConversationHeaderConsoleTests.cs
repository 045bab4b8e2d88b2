using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Inbox.Console.Tests.Infrastructure;
using Inbox.Domain;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.OperatorApi;
using static Microsoft.Playwright.Assertions;

namespace Inbox.Console.Tests;

/// <summary>
/// The open conversation's header and reply box (issue 15): labels edited and followed by the lists of other consoles,
/// the channel a reply goes to, and the timeline's event sentences in the operator's language.
/// </summary>
public sealed class ConversationHeaderConsoleTests : ConsoleTestBase
{
    [Fact]
    public async Task Labels_edited_in_the_header_show_in_the_list_here_and_in_a_colleagues_console()
    {
        await InboundAsync("+7 916 704-00-01", "Label Lena", "I need a refund");
        var colleague = await NewPageAsync("en-US");
        await LogInAsync(colleague, "supervisor");
        var theirItem = colleague.Locator("#queue-list li", new() { HasText = "Label Lena" });
        await Expect(theirItem).ToBeVisibleAsync(Visible);

        await LogInAsync(Page, "operator");
        var item = Page.Locator("#queue-list li", new() { HasText = "Label Lena" });
        await item.ClickAsync();
        await Page.ClickAsync("#labels-edit");
        await Page.FillAsync("#label-new", "refund");
        await Page.PressAsync("#label-new", "Enter");
        await Expect(Page.Locator("#conv-labels .label-chip")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Page.FillAsync("#label-new", "vip");
        await Page.ClickAsync("#label-add");
        await Expect(Page.Locator("#conv-labels .label-chip")).ToHaveTextAsync(new Regex[] { new("^refund"), new("^vip") }, HasText);
        await Expect(item).ToContainTextAsync("refund, vip", Contains);
        await Expect(theirItem).ToContainTextAsync("refund, vip", Contains);

        // A refused label says why and changes nothing.
        await Page.FillAsync("#label-new", "<script>");
        await Page.PressAsync("#label-new", "Enter");
        await Expect(Page.Locator("#labels-error")).ToContainTextAsync("Labels not saved", Contains);
        await Expect(Page.Locator("#conv-labels .label-chip")).ToHaveCountAsync(2);
        await ScreenshotAsync(Page, "conversation-labels");

        await Page.Locator("#conv-labels .label-chip[data-label=refund] button").ClickAsync();
        await Expect(Page.Locator("#conv-labels .label-chip")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        // (the customer's own words say "refund": the labels are the list item's last part)
        await Expect(theirItem).Not.ToContainTextAsync("refund, vip", new() { Timeout = 20_000 });
        await Expect(theirItem.Locator(".meta").Last).ToHaveTextAsync(new Regex(" · vip$"), HasText);
    }

    [Fact]
    public async Task The_reply_goes_to_the_customers_last_channel_unless_another_is_picked()
    {
        using (var api = Server.Client(InboxServer.ApiToken))
        {
            await ConversationHistoryConsoleTests.PostInboundAsync(api, new { phone = "+7 916 704-00-02", email = "channel.chris@example.com", name = "Channel Chris" },
                "Answer me wherever");
        }

        await LogInAsync(Page, "operator");
        await Page.Locator("#queue-list li", new() { HasText = "Channel Chris" }).ClickAsync();
        var picker = Page.Locator("#reply-channel");
        await Expect(picker.Locator("option:checked")).ToHaveTextAsync("API · phone:+79167040002 (last used)", HasText);
        await Expect(picker.Locator("option")).ToHaveCountAsync(4);
        foreach (var option in new[] { "WhatsApp · phone:+79167040002", "SMS · phone:+79167040002", "E-mail · email:channel.chris@example.com" })
        {
            await Expect(picker.Locator("option", new() { HasText = option })).ToHaveCountAsync(1);
        }
        await ScreenshotAsync(Page, "conversation-channel-picker");

        // The default: the API channel's callback took it (delivered means the integrator's endpoint answered 200).
        await Page.FillAsync("#reply-text", "Through the API");
        await Page.ClickAsync("#reply-send");
        var first = Page.Locator("#timeline li.outbound", new() { HasText = "Through the API" });
        await Expect(first.Locator(".meta")).ToContainTextAsync(" · api · ", Contains);
        await Expect(first.Locator(".delivery")).ToHaveAttributeAsync("data-delivery", new Regex("^(sent|delivered)$"), Attribute);

        await picker.SelectOptionAsync("email|email:channel.chris@example.com");
        await Page.FillAsync("#reply-text", "By e-mail");
        await Page.ClickAsync("#reply-send");
        var second = Page.Locator("#timeline li.outbound", new() { HasText = "By e-mail" });
        await Expect(second.Locator(".meta")).ToContainTextAsync(" · email · ", Contains);
        // The picked channel stays for the next reply of this conversation.
        await Expect(picker).ToHaveValueAsync("email|email:channel.chris@example.com", new() { Timeout = 20_000 });

        using var op = await Server.OperatorClientAsync("operator");
        var found = (await op.GetFromJsonAsync<ConversationListPage>("/api/v1/conversations?status=queued,assigned&q=channel.chris%40example.com", InboxJson.Options))!;
        var details = (await op.GetFromJsonAsync<ConversationDetails>($"/api/v1/conversations/{found.Items[0].Conversation.ConversationId}", InboxJson.Options))!;
        var replies = details.Messages.Where(m => m.Kind == MessageKind.Outbound).ToList();
        Assert.Equal([("api", "phone:+79167040002"), ("email", "email:channel.chris@example.com")], replies.Select(m => (m.Channel, m.Identity ?? "")));
    }

    [Fact]
    public async Task A_russian_operator_reads_the_timelines_event_sentences_in_russian()
    {
        await InboundAsync("+7 916 704-00-03", "Ivan Eventov", "Help please");
        using var op = await Server.OperatorClientAsync("operator");
        using var op2 = await Server.OperatorClientAsync("operator2");
        var found = (await op.GetFromJsonAsync<ConversationListPage>("/api/v1/conversations?status=queued&q=%2B79167040003", InboxJson.Options))!;
        var id = found.Items[0].Conversation.ConversationId;
        (await op.PostAsJsonAsync($"/api/v1/conversations/{id}/assign", new { })).EnsureSuccessStatusCode();
        (await op2.PostAsync($"/api/v1/conversations/{id}/take-over", null)).EnsureSuccessStatusCode();

        var page = await NewPageAsync("ru-RU");
        await LogInAsync(page, "operator2", "на связи");
        await page.ClickAsync("#tabs button[data-tab=mine]");
        await page.Locator("#queue-list li", new() { HasText = "Ivan Eventov" }).ClickAsync();
        var sentence = page.Locator("#timeline li.event .text");
        await Expect(sentence).ToHaveTextAsync("Second Operator забрал(а) диалог у оператора Demo Operator.", HasText);
        await ScreenshotAsync(page, "conversation-event-ru");

        await page.SelectOptionAsync("#lang", "en");
        await Expect(sentence).ToHaveTextAsync("Second Operator took over the conversation from Demo Operator.", HasText);
    }
}
