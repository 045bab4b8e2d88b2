namespace Inbox.Connectors.Telegram;

/// <summary>How updates reach us: Telegram POSTs them to our webhook, or we poll <c>getUpdates</c>. The two are exclusive.</summary>
public enum TelegramMode
{
    /// <summary>Telegram POSTs every update to <c>POST /webhooks/telegram</c> (needs a public HTTPS URL and <c>setWebhook</c>).</summary>
    Webhook,

    /// <summary>A background service long-polls <c>getUpdates</c>; no public URL needed. The webhook endpoint answers 404.</summary>
    Polling,
}
