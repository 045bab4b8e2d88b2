using System.Net;
using System.Text;
using Inbox.Connectors.Twilio;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// Product rule 6 over a whole-system run: Inbox runs as its own process with every channel's secrets configured, at Debug
/// and with HttpClient's request logs on (the URLs of Telegram's Bot API carry the bot token), takes traffic on every
/// channel, and its whole console output is searched for each configured secret and for phone numbers in clear.
/// </summary>
public sealed class LogSecretsTests
{
    private const string BotToken = "7654321:AAH-Secret_value-of-the-Token";
    private const string TelegramWebhookSecret = "tg-webhook-secret-1";
    private const string VkAccessToken = "vk1.a.vk-access-token-value";
    private const string VkSecret = "vk-callback-secret-1";
    private const string TwilioAuthToken = "twilio-auth-token-0123456789";
    private const string CallbackSecret = "api-callback-secret-1";
    private const string CtiToken = "cti-path-token-1";
    private const string PublicBaseUrl = "https://inbox.example.com";
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task No_configured_secret_and_no_phone_number_reaches_the_console_of_a_whole_system_run()
    {
        await using var providers = await FakeProviders.StartAsync();
        var folder = InboxProcess.NewDataFolder();
        providers.TelegramUpdates.Enqueue("""{"update_id":900000001,"message":{"message_id":7,"from":{"id":555000111,"is_bot":false,"first_name":"Олег"},"chat":{"id":555000111,"type":"private"},"date":1767225600,"text":"Мой номер 8.916.777.66.55"}}""");
        using var inbox = await InboxProcess.StartAsync(Path.Combine(folder, "inbox.db"), FreePort.Next(), FreePort.Next(), FreePort.Next(),
        [
            "--Chatbot:Enabled=false",
            "--Serilog:MinimumLevel:Default=Debug",
            "--Serilog:MinimumLevel:Override:System.Net.Http=Debug",
            $"--Channels:Api:CallbackUrl={providers.BaseUrl}/callback",
            $"--Channels:Api:CallbackSecret={CallbackSecret}",
            $"--Channels:Telegram:BotToken={BotToken}",
            $"--Channels:Telegram:WebhookSecret={TelegramWebhookSecret}",
            "--Channels:Telegram:Mode=Polling",
            "--Channels:Telegram:PollTimeoutSeconds=1",
            $"--Channels:Telegram:ApiBaseUrl={providers.BaseUrl}",
            "--Channels:Vk:GroupId=229000000",
            $"--Channels:Vk:AccessToken={VkAccessToken}",
            $"--Channels:Vk:Secret={VkSecret}",
            "--Channels:Vk:ConfirmationCode=a1b2c3d4",
            $"--Channels:Vk:ApiBaseUrl={providers.BaseUrl}",
            $"--Channels:Twilio:AccountSid={AccountSid}",
            $"--Channels:Twilio:AuthToken={TwilioAuthToken}",
            "--Channels:Twilio:SmsFrom=+15005550006",
            $"--Channels:Twilio:PublicBaseUrl={PublicBaseUrl}",
            $"--Channels:Twilio:ApiBaseUrl={providers.BaseUrl}",
            $"--Telephony:Cti:Token={CtiToken}",
        ]);
        using var client = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", InboxServer.ApiToken);

        // the API channel, with the phone formats that were once not masked, in ids that are logged as they come
        await client.SendInboundAsync("8.916.777.66.55", "Где заказ?", phone: "8.916.777.66.55");
        await client.SendInboundAsync("+7.916.777.66.54", "Где заказ?", externalId: "+7.916.777.66.54");
        await client.SendInboundAsync("８９１６７７７６６５３", "Где заказ?", externalId: "８９１６７７７６６５３");
        // VK's Callback API (and a forged call), a Twilio SMS, a PBX call whose token is in the path; Telegram's update comes by getUpdates
        var vk = """{"type":"message_new","event_id":"log-1","v":"5.199","group_id":229000000,"secret":"SECRET","object":{"message":{"id":1841,"date":1767225600,"peer_id":123456789,"from_id":123456789,"out":0,"text":"Привет","conversation_message_id":57,"attachments":[],"fwd_messages":[]},"client_info":{}}}""";
        Assert.Equal("ok", await (await client.PostAsync("/webhooks/vk", Json(vk.Replace("SECRET", VkSecret)))).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/webhooks/vk", Json(vk.Replace("SECRET", "wrong")))).StatusCode);
        var sms = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM" + new string('7', 32), ["AccountSid"] = AccountSid, ["From"] = "+79161112233", ["To"] = "+15005550006", ["Body"] = "СМС", ["NumMedia"] = "0",
        };
        var signed = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio/messages") { Content = new FormUrlEncodedContent(sms) };
        signed.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(TwilioAuthToken, PublicBaseUrl + "/webhooks/twilio/messages", sms));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(signed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/webhooks/cti/{CtiToken}",
            Json("""{"event":"newCall","from":"8.916.777.66.55","to":"74951234567","direction":"in","callId":"log-call-1"}"""))).StatusCode);

        // an operator answers on every channel: the Bot API, VK's messages.send, Twilio's Messages resource, the signed callback
        using var op = new HttpClient { BaseAddress = inbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var login = await op.PostAsync("/api/v1/auth/token", Json($$"""{"login":"supervisor","password":"{{InboxServer.DemoPassword}}"}"""));
        login.EnsureSuccessStatusCode();
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        op.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var identities = new[] { "telegram:555000111", "vk:123456789", "phone:+79161112233", "api:+7.916.777.66.54" };
        var conversations = await InboxApi.EventuallyAsync(() => op.ConversationsAsync("?limit=200"),
            page => identities.All(i => page.Items.Any(item => item.Conversation.LastInboundIdentity == i)));
        var missing = identities.Where(i => conversations.Items.All(item => item.Conversation.LastInboundIdentity != i)).ToList();
        Assert.True(missing.Count == 0, $"No conversation of {string.Join(", ", missing)}:\n{inbox.Output}");
        foreach (var identity in identities)
        {
            var id = Assert.Single(conversations.Items, i => i.Conversation.LastInboundIdentity == identity).Conversation.ConversationId;
            var reply = await op.ReplyAsync(id, "Ответ оператора");
            var done = await InboxApi.EventuallyAsync(() => op.ConversationAsync(id),
                d => d.Messages.Single(m => m.MessageId == reply.MessageId).Delivery is DeliveryState.Sent or DeliveryState.Delivered);
            Assert.True(done.Messages.Single(m => m.MessageId == reply.MessageId).Delivery is DeliveryState.Sent or DeliveryState.Delivered, identity);
        }

        Assert.Single(providers.TelegramSent);
        Assert.Single(providers.Callbacks);
        await Task.Delay(500);
        inbox.Kill();
        var output = inbox.Output;

        foreach (var secret in new[] { BotToken, "AAH-Secret_value-of-the-Token", TelegramWebhookSecret, VkAccessToken, VkSecret, TwilioAuthToken, InboxServer.ApiToken, CallbackSecret, CtiToken })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"The log holds the secret {secret}:\n{output}");
        }

        // HttpClient's request logs were on, and the Bot API URLs they print are there without the token
        Assert.Contains("/bot***/getUpdates", output);
        Assert.Contains("/bot***/sendMessage", output);
        foreach (var clear in new[] { "916.777.66", "9167776655", "９１６", "9161112233" })
        {
            Assert.False(output.Contains(clear, StringComparison.Ordinal), $"The log holds the phone number {clear}:\n{output}");
        }

        Assert.Contains("8.***.***.**.55", output);
        Assert.Contains("+7.***.***.**.54", output);
        Assert.Contains("８********５３", output);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's temp cleanup
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
