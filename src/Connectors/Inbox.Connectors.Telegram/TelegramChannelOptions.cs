namespace Inbox.Connectors.Telegram;

/// <summary><c>Channels:Telegram</c>: the Telegram bot. On when <see cref="BotToken"/> is set.</summary>
public sealed class TelegramChannelOptions
{
    public const string SectionName = "Channels:Telegram";

    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>The token @BotFather gave, <c>123456789:AA…</c>.</summary>
    public string? BotToken { get; set; }

    /// <summary>
    /// The <c>secret_token</c> given to <c>setWebhook</c> (1–256 characters of <c>A-Z a-z 0-9 _ -</c>). Telegram sends it in
    /// <c>X-Telegram-Bot-Api-Secret-Token</c>; a webhook call without it is refused (401). Without it set, every webhook call is refused.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary><see cref="TelegramMode.Webhook"/> (default) or <see cref="TelegramMode.Polling"/>.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Webhook;

    /// <summary>The Bot API server; only scheme, host and port are used. A local Bot API server or a test fake can stand in.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Polling mode: how long one <c>getUpdates</c> call waits for updates (long polling), 0–50 seconds.</summary>
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>Polling mode: the most updates one <c>getUpdates</c> call returns (1–100).</summary>
    public int PollLimit { get; set; } = 100;

    /// <summary>Polling mode: the first pause after a failed round (409, network error, store down); doubled up to <see cref="PollErrorMaxDelay"/>.</summary>
    public TimeSpan PollErrorDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Polling mode: the longest pause between failed rounds.</summary>
    public TimeSpan PollErrorMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one Bot API call (send, getFile, file download) may take before it counts as a passing failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The caption of the reply-keyboard button that asks the customer to share their phone number.</summary>
    public string RequestContactButtonText { get; set; } = TelegramKeyboards.DefaultRequestContactButtonText;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
