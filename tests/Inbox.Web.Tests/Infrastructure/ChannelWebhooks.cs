using System.Text;
using Inbox.Connectors.Twilio;
using Inbox.Domain.Storage;

namespace Inbox.Web.Tests.Infrastructure;

/// <summary>
/// The messengers wired to <see cref="FakeProviders"/> (VK, Twilio SMS and WhatsApp, Telegram webhooks), and what their
/// providers post to Inbox: signed, with the secrets these settings name.
/// </summary>
public static class ChannelWebhooks
{
    public const string TwilioToken = "twilio-auth-token";
    public const string PublicBaseUrl = "https://inbox.example.com";
    public const string TelegramSecret = "tg-secret";

    /// <summary>The channels' settings, their APIs on <paramref name="providers"/>; <paramref name="more"/> on top.</summary>
    public static Dictionary<string, string?> Settings(FakeProviders providers, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Channels:Vk:GroupId"] = "229000000",
            ["Channels:Vk:AccessToken"] = "vk-token",
            ["Channels:Vk:Secret"] = "s3cr3t",
            ["Channels:Vk:ConfirmationCode"] = "a1b2c3d4",
            ["Channels:Vk:ApiBaseUrl"] = providers.BaseUrl,
            ["Channels:Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
            ["Channels:Twilio:AuthToken"] = TwilioToken,
            ["Channels:Twilio:SmsFrom"] = "+15005550006",
            ["Channels:Twilio:WhatsAppFrom"] = "whatsapp:+15005550006",
            ["Channels:Twilio:PublicBaseUrl"] = PublicBaseUrl,
            ["Channels:Twilio:ApiBaseUrl"] = providers.BaseUrl,
            ["Channels:Telegram:BotToken"] = "123456:TEST",
            ["Channels:Telegram:WebhookSecret"] = TelegramSecret,
            ["Channels:Telegram:ApiBaseUrl"] = providers.BaseUrl,
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task<HttpResponseMessage> PostTelegramAsync(HttpClient client, string update)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = Json(update) };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TelegramSecret);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostTwilioAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(TwilioToken, PublicBaseUrl + path, form));
        return client.SendAsync(request);
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The customer's conversation once the webhook intake has processed their message (the webhook answers before that).</summary>
    public static async Task<ConversationListItem> ArrivedAsync(HttpClient op, string identity)
    {
        var page = await InboxApi.EventuallyAsync(() => op.ConversationsAsync("?limit=200"),
            p => p.Items.Any(i => i.Conversation.LastInboundIdentity == identity));
        return Assert.Single(page.Items, i => i.Conversation.LastInboundIdentity == identity);
    }
}
