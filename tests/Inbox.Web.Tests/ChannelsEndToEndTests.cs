using System.Net;
using System.Net.Http.Json;
using Inbox.Domain.Conversations;
using Inbox.Domain.Storage;
using Inbox.Web.Tests.Infrastructure;
using static Inbox.Web.Tests.Infrastructure.ChannelWebhooks;

namespace Inbox.Web.Tests;

/// <summary>
/// The messengers wired into the whole system: a webhook from the provider reaches the operator, the operator's reply
/// reaches the provider's API, and the provider's receipt moves the delivery state on the timeline.
/// </summary>
public sealed class ChannelsEndToEndTests : IAsyncLifetime
{
    private FakeProviders _providers = null!;
    private InboxServer _server = null!;

    public async Task InitializeAsync()
    {
        _providers = await FakeProviders.StartAsync();
        _server = await InboxServer.StartAsync(ChannelWebhooks.Settings(_providers, new Dictionary<string, string?> { ["Telephony:Cti:Token"] = "cti-token" }));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _providers.DisposeAsync();
    }

    [Fact]
    public async Task A_vk_message_reaches_the_operator_and_the_reply_goes_back_through_messages_send()
    {
        using var client = _server.Client();
        var confirmation = await client.PostAsync("/webhooks/vk", Json("""{"type":"confirmation","group_id":229000000,"secret":"s3cr3t"}"""));
        Assert.Equal("a1b2c3d4", await confirmation.Content.ReadAsStringAsync());

        var body = """{"type":"message_new","event_id":"e2e-1","v":"5.199","group_id":229000000,"secret":"s3cr3t","object":{"message":{"id":1841,"date":1767225600,"peer_id":123456789,"from_id":123456789,"out":0,"text":"Где заказ?","conversation_message_id":57,"attachments":[],"fwd_messages":[]},"client_info":{}}}""";
        var first = await client.PostAsync("/webhooks/vk", Json(body));
        var again = await client.PostAsync("/webhooks/vk", Json(body));
        var forged = await client.PostAsync("/webhooks/vk", Json(body.Replace("s3cr3t", "wrong")));

        Assert.Equal("ok", await first.Content.ReadAsStringAsync());
        Assert.Equal("ok", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var op = await _server.OperatorClientAsync("supervisor");
        var item = await ArrivedAsync(op, "vk:123456789");
        var details = await op.ConversationAsync(item.Conversation.ConversationId);
        var message = Assert.Single(details.Messages);
        Assert.Equal("Где заказ?", message.Text);
        Assert.Equal("Иван Петров", details.Customer!.Name);

        var reply = await op.ReplyAsync(item.Conversation.ConversationId, "Заказ в пути");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(item.Conversation.ConversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        var sent = Assert.Single(_providers.VkSent);
        Assert.Equal("123456789", sent["peer_id"]);
        Assert.Equal("Заказ в пути", sent["message"]);
    }

    [Fact]
    public async Task An_sms_and_a_whatsapp_from_one_number_are_one_customer_and_replies_get_twilio_receipts()
    {
        using var client = _server.Client();
        var sms = await PostTwilioAsync(client, "/webhooks/twilio/messages", new()
        {
            ["MessageSid"] = "SM" + new string('1', 32), ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["From"] = "+79161234567",
            ["To"] = "+15005550006", ["Body"] = "Где мой заказ?", ["NumMedia"] = "0",
        });
        var whatsapp = await PostTwilioAsync(client, "/webhooks/twilio/messages", new()
        {
            ["MessageSid"] = "SM" + new string('2', 32), ["AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["From"] = "whatsapp:+79161234567",
            ["To"] = "whatsapp:+15005550006", ["Body"] = "И ещё вопрос", ["NumMedia"] = "0", ["WaId"] = "79161234567",
        });
        var unsigned = await client.PostAsync("/webhooks/twilio/messages", new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SMx", ["From"] = "+79161234567" }));

        Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
        Assert.Equal(HttpStatusCode.OK, whatsapp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        using var op = await _server.OperatorClientAsync("supervisor");
        var item = await ArrivedAsync(op, "phone:+79161234567");
        var details = await InboxApi.EventuallyAsync(() => op.ConversationAsync(item.Conversation.ConversationId), d => d.Messages.Count == 2);
        Assert.Equal(["sms", "whatsapp"], details.Messages.Select(m => m.Channel));

        // The reply goes where the customer last wrote: WhatsApp.
        var reply = await op.ReplyAsync(item.Conversation.ConversationId, "Отвечаем в WhatsApp");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(item.Conversation.ConversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        var sent = Assert.Single(_providers.TwilioSent);
        Assert.Equal("whatsapp:+79161234567", sent["To"]);
        Assert.Equal($"{PublicBaseUrl}/webhooks/twilio/status", sent["StatusCallback"]);
        var providerId = (await op.ConversationAsync(item.Conversation.ConversationId)).Messages.Single(m => m.MessageId == reply.MessageId).ExternalId!;

        var receipt = await PostTwilioAsync(client, "/webhooks/twilio/status", new()
        {
            ["MessageSid"] = providerId, ["MessageStatus"] = "delivered", ["AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["From"] = "whatsapp:+15005550006", ["To"] = "whatsapp:+79161234567",
        });
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        var delivered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(item.Conversation.ConversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Delivered);
        Assert.Equal(DeliveryState.Delivered, delivered.Messages.Single(m => m.MessageId == reply.MessageId).Delivery);
    }

    [Fact]
    public async Task A_telegram_message_and_its_edit_reach_the_operator_and_the_reply_goes_out_through_the_bot_api()
    {
        using var client = _server.Client();
        var update = """{"update_id":500000101,"message":{"message_id":42,"from":{"id":987654321,"is_bot":false,"first_name":"Иван","language_code":"ru"},"chat":{"id":987654321,"first_name":"Иван","type":"private"},"date":1767225600,"text":"Где мой заказ 1234?"}}""";
        var edit = """{"update_id":500000104,"edited_message":{"message_id":42,"from":{"id":987654321,"is_bot":false,"first_name":"Иван"},"chat":{"id":987654321,"type":"private"},"date":1767225600,"edit_date":1767225700,"text":"Где мой заказ 1235?"}}""";

        var noSecret = await client.PostAsync("/webhooks/telegram", Json(update));
        Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, update)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, update)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTelegramAsync(client, edit)).StatusCode);

        using var op = await _server.OperatorClientAsync("supervisor");
        var item = await ArrivedAsync(op, "telegram:987654321");
        var edited = await InboxApi.EventuallyAsync(() => op.ConversationAsync(item.Conversation.ConversationId), d => d.Messages.Any(m => m.EditedAt is not null));
        var message = Assert.Single(edited.Messages);
        Assert.Equal("Где мой заказ 1235?", message.Text);
        Assert.NotNull(message.EditedAt);

        var reply = await op.ReplyAsync(item.Conversation.ConversationId, "Заказ 1235 передан в доставку");
        await InboxApi.EventuallyAsync(() => op.ConversationAsync(item.Conversation.ConversationId),
            d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery == DeliveryState.Sent);
        var sent = Assert.Single(_providers.TelegramSent);
        Assert.Equal("987654321", sent.GetProperty("chat_id").ToString());
        Assert.Equal("Заказ 1235 передан в доставку", sent.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_pbx_call_through_the_cti_webhook_pops_up_with_the_callers_card()
    {
        using var client = _server.Client();
        using var op = await _server.OperatorClientAsync("operator");
        var created = await op.PostAsJsonAsync("/api/v1/customers", new { name = "Анна Смирнова", identities = new[] { "+7 916 555 00 11" } });
        created.EnsureSuccessStatusCode();
        await using var hub = await _server.ConnectHubAsync("operator");
        var pops = new CallPopCollector(hub);

        var wrongToken = await client.PostAsync("/webhooks/cti/nope", Json("""{"event":"newCall","from":"79165550011","to":"74951234567","direction":"in","callId":"c1"}"""));
        var ringing = await client.PostAsync("/webhooks/cti/cti-token", Json("""{"event":"newCall","from":"89165550011","to":"74951234567","direction":"in","callId":"e2e-call-1","user":"101"}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ringing.StatusCode);
        var pop = await pops.WaitForAsync(p => p.Call.CallId == "cti:e2e-call-1");
        Assert.Equal("Анна Смирнова", pop.Customer!.Name);
        Assert.Equal(Inbox.Domain.Calls.CallStage.Ringing, pop.Call.Stage);
        var hangup = await client.PostAsync("/webhooks/cti/cti-token", Json("""{"event":"hangup","from":"89165550011","to":"74951234567","direction":"in","callId":"e2e-call-1","cause":"cancel"}"""));
        Assert.Equal(HttpStatusCode.OK, hangup.StatusCode);
        var ended = await pops.WaitForAsync(p => p.Call.CallId == "cti:e2e-call-1" && p.Call.Stage == Inbox.Domain.Calls.CallStage.Ended);
        Assert.True(ended.Call.Missed);
    }
}
