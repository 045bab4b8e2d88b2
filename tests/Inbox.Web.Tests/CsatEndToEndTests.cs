using System.Net;
using System.Text.Json;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Tests.Infrastructure;
using static Inbox.Web.Tests.Infrastructure.ChannelWebhooks;

namespace Inbox.Web.Tests;

/// <summary>
/// Customer satisfaction through real connectors' webhooks: an operator resolves through the API, the customer gets the
/// rating request in their channel (buttons in Telegram and VK, a digit by SMS), answers through the provider's webhook,
/// and the rating is on the timeline while the conversation stays resolved. A channel switched off is asked nothing.
/// </summary>
public sealed class CsatEndToEndTests : IAsyncLifetime
{
    private FakeProviders _providers = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _providers = await FakeProviders.StartAsync();
        _server = await InboxServer.StartAsync(ChannelWebhooks.Settings(_providers, new Dictionary<string, string?> { ["Csat:Channels:whatsapp"] = "false" }));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _providers.DisposeAsync();
    }

    [Fact]
    public async Task Telegram_resolve_sends_buttons_1_to_5_and_a_button_press_is_the_rating_without_reopening()
    {
        using var client = _server.Client();
        var update = """{"update_id":600000001,"message":{"message_id":42,"from":{"id":987650001,"is_bot":false,"first_name":"Иван"},"chat":{"id":987650001,"type":"private"},"date":1767225600,"text":"Где мой заказ?"}}""";
        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, update)).StatusCode);
        using var op = await _server.OperatorClientAsync("operator");
        var id = (await ArrivedAsync(op, "telegram:987650001")).Conversation.ConversationId;

        (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();

        var request = await SentAsync(_providers.TelegramSent, m => m.GetProperty("chat_id").ToString() == "987650001");
        Assert.StartsWith("Спасибо за обращение!", request.GetProperty("text").GetString());
        var buttons = request.GetProperty("reply_markup").GetProperty("inline_keyboard").EnumerateArray().SelectMany(row => row.EnumerateArray()).ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], buttons.Select(b => b.GetProperty("text").GetString()));
        Assert.Equal(["csat:1", "csat:2", "csat:3", "csat:4", "csat:5"], buttons.Select(b => b.GetProperty("callback_data").GetString()));

        var press = """{"update_id":600000002,"callback_query":{"id":"cb-csat-1","from":{"id":987650001,"is_bot":false,"first_name":"Иван"},"message":{"message_id":701,"chat":{"id":987650001,"type":"private"},"date":1767225800,"text":"Спасибо за обращение!"},"chat_instance":"-55","data":"csat:4"}}""";
        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, press)).StatusCode);

        var rated = await InboxApi.EventuallyAsync(() => op.ConversationAsync(id), d => d.Messages.Any(m => Action(m) == TimelineActions.CsatRated));
        var rating = Assert.Single(rated.Messages, m => Action(m) == TimelineActions.CsatRated);
        Assert.Equal(("4", "telegram"), (rating.Metadata!["rating"], rating.Metadata["channel"]));
        Assert.Single(rated.Messages, m => Action(m) == TimelineActions.CsatRequested);
        Assert.Equal(ConversationStatus.Resolved, rated.Conversation.Status);
        Assert.Equal("cb-csat-1", await SentAsync(_providers.TelegramAnsweredCallbacks, query => query == "cb-csat-1")); // answered after the rating is stored
        var thanks = await SentAsync(_providers.TelegramSent, m => m.GetProperty("text").GetString() == "Спасибо за оценку!");
        Assert.False(thanks.TryGetProperty("reply_markup", out _));
    }

    [Fact]
    public async Task An_sms_customer_is_asked_for_a_digit_and_their_signed_reply_is_the_rating()
    {
        using var client = _server.Client();
        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(client, "+79161230001", "SM" + new string('a', 32), "Здравствуйте, где заказ?")).StatusCode);
        using var op = await _server.OperatorClientAsync("supervisor");
        var id = (await ArrivedAsync(op, "phone:+79161230001")).Conversation.ConversationId;

        (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();
        var request = await SentAsync(_providers.TwilioSent, m => m["To"] == "+79161230001");
        Assert.Contains("ответьте одной цифрой от 1 (плохо) до 5 (отлично)", request["Body"]);

        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(client, "+79161230001", "SM" + new string('b', 32), "5!")).StatusCode);

        var rated = await InboxApi.EventuallyAsync(() => op.ConversationAsync(id), d => d.Messages.Any(m => Action(m) == TimelineActions.CsatRated));
        Assert.Equal("5", rated.Messages.Single(m => Action(m) == TimelineActions.CsatRated).Metadata!["rating"]);
        Assert.Equal(ConversationStatus.Resolved, rated.Conversation.Status);
        Assert.DoesNotContain(rated.Messages, m => m.Kind == MessageKind.Inbound && m.Text == "5!");
    }

    [Fact]
    public async Task Vk_resolve_sends_an_inline_keyboard_and_the_pressed_label_is_the_rating()
    {
        using var client = _server.Client();
        Assert.Equal("ok", await (await PostVkAsync(client, "csat-vk-1", 1901, "Where is my order?", null)).Content.ReadAsStringAsync());
        using var op = await _server.OperatorClientAsync("operator");
        var id = (await ArrivedAsync(op, "vk:123456789")).Conversation.ConversationId;

        (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();

        var request = await SentAsync(_providers.VkSent, m => m.ContainsKey("keyboard"));
        Assert.StartsWith("Thank you for contacting us!", request["message"]);
        using var keyboard = JsonDocument.Parse(request["keyboard"]);
        Assert.True(keyboard.RootElement.GetProperty("inline").GetBoolean());
        var actions = keyboard.RootElement.GetProperty("buttons").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(b => b.GetProperty("action")).ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], actions.Select(a => a.GetProperty("label").GetString()));
        Assert.All(actions, a => Assert.Equal("text", a.GetProperty("type").GetString()));
        Assert.Equal("""{"command":"csat:2"}""", actions[1].GetProperty("payload").GetString());

        // A text button sends the customer's message with the label as its text and the payload beside it.
        Assert.Equal("ok", await (await PostVkAsync(client, "csat-vk-2", 1902, "2", """{\"command\":\"csat:2\"}""")).Content.ReadAsStringAsync());

        var rated = await InboxApi.EventuallyAsync(() => op.ConversationAsync(id), d => d.Messages.Any(m => Action(m) == TimelineActions.CsatRated));
        Assert.Equal("2", rated.Messages.Single(m => Action(m) == TimelineActions.CsatRated).Metadata!["rating"]);
        Assert.Equal(ConversationStatus.Resolved, rated.Conversation.Status);
    }

    [Fact]
    public async Task A_channel_switched_off_is_asked_nothing_and_a_digit_there_is_an_ordinary_message()
    {
        using var client = _server.Client();
        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(client, "whatsapp:+79161230002", "SM" + new string('c', 32), "Вопрос про заказ")).StatusCode);
        using var op = await _server.OperatorClientAsync("operator");
        var id = (await ArrivedAsync(op, "phone:+79161230002")).Conversation.ConversationId;

        (await op.PostAsync($"/api/v1/conversations/{id}/resolve", null)).EnsureSuccessStatusCode();
        var resolved = await op.ConversationAsync(id);
        Assert.DoesNotContain(resolved.Messages, m => m.Kind != MessageKind.Inbound);

        // a marker on another channel shows the outbox has run since the resolve
        await op.ReplyAsync(id, "marker", channel: "sms");
        await SentAsync(_providers.TwilioSent, m => m["Body"] == "marker");
        Assert.DoesNotContain(_providers.TwilioSent, m => m["To"] == "whatsapp:+79161230002");

        Assert.Equal(HttpStatusCode.OK, (await PostSmsAsync(client, "whatsapp:+79161230002", "SM" + new string('d', 32), "5")).StatusCode);
        var reopened = await InboxApi.EventuallyAsync(() => op.ConversationAsync(id), d => d.Messages.Any(m => m.Kind == MessageKind.Inbound && m.Text == "5"));
        Assert.NotEqual(ConversationStatus.Resolved, reopened.Conversation.Status);
    }

    private static string? Action(TimelineMessage message) =>
        message.Kind == MessageKind.Event ? message.Metadata?.GetValueOrDefault(TimelineActions.Key) : null;

    /// <summary>The first thing the fake provider received that matches, once it has (the outbox sends in the background).</summary>
    private static async Task<T> SentAsync<T>(IEnumerable<T> sent, Func<T, bool> match) =>
        (await InboxApi.EventuallyAsync(() => Task.FromResult(sent.ToList()), all => all.Any(match))).First(match);

    private static Task<HttpResponseMessage> PostVkAsync(HttpClient client, string eventId, int messageId, string text, string? payload)
    {
        var payloadField = payload is null ? "" : $",\"payload\":\"{payload}\"";
        var message = $"{{\"id\":{messageId},\"date\":1767225600,\"peer_id\":123456789,\"from_id\":123456789,\"out\":0,\"text\":\"{text}\",\"conversation_message_id\":{messageId},\"attachments\":[],\"fwd_messages\":[]{payloadField}}}";
        var body = $"{{\"type\":\"message_new\",\"event_id\":\"{eventId}\",\"v\":\"5.199\",\"group_id\":229000000,\"secret\":\"s3cr3t\",\"object\":{{\"message\":{message},\"client_info\":{{}}}}}}";
        return client.PostAsync("/webhooks/vk", Json(body));
    }

    /// <summary>An SMS (or, with a <c>whatsapp:</c> sender, a WhatsApp message) through Twilio's signed webhook.</summary>
    private static Task<HttpResponseMessage> PostSmsAsync(HttpClient client, string from, string sid, string body)
    {
        var whatsapp = from.StartsWith("whatsapp:", StringComparison.Ordinal);
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["From"] = from,
            ["To"] = whatsapp ? "whatsapp:+15005550006" : "+15005550006", ["Body"] = body, ["NumMedia"] = "0",
        };
        return PostTwilioAsync(client, "/webhooks/twilio/messages", form);
    }
}
