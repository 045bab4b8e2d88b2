using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// Makes Telegram.Bot clients on pooled <see cref="HttpClient"/>s from <see cref="IHttpClientFactory"/>, pointed at
/// <see cref="TelegramChannelOptions.ApiBaseUrl"/>. Automatic 429 retries inside the library are off
/// (<c>RetryThreshold = 0</c>): a rate limit comes back to the outbox as <see cref="DeliveryOutcome.Retry"/> with its
/// <c>retry_after</c>, so the waiting is visible on the timeline instead of hidden in a call.
/// </summary>
public sealed class TelegramBotClientFactory(IHttpClientFactory httpClients, IOptions<TelegramChannelOptions> options)
{
    /// <summary>The named HTTP client for ordinary calls (timeout <see cref="TelegramChannelOptions.RequestTimeout"/>).</summary>
    public const string RequestsClientName = "Inbox.Connectors.Telegram";

    /// <summary>The named HTTP client for long polling (timeout <see cref="TelegramChannelOptions.PollTimeoutSeconds"/> + <see cref="TelegramChannelOptions.RequestTimeout"/>).</summary>
    public const string PollingClientName = "Inbox.Connectors.Telegram.Polling";

    /// <summary>The bot's numeric id: the part of the token before the colon.</summary>
    public long BotId => CreateOptions(options.Value).BotId;

    public ITelegramBotClient CreateForRequests() => new TelegramBotClient(CreateOptions(options.Value), httpClients.CreateClient(RequestsClientName));

    public ITelegramBotClient CreateForPolling() => new TelegramBotClient(CreateOptions(options.Value), httpClients.CreateClient(PollingClientName));

    /// <summary>The library's options for these settings; throws <see cref="ArgumentException"/> for a malformed token or base URL.</summary>
    public static TelegramBotClientOptions CreateOptions(TelegramChannelOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.BotToken))
        {
            throw new InvalidOperationException($"{TelegramChannelOptions.SectionName}:BotToken is not set.");
        }

        var baseUrl = string.IsNullOrWhiteSpace(settings.ApiBaseUrl) ||
            string.Equals(settings.ApiBaseUrl.TrimEnd('/'), TelegramChannelOptions.DefaultApiBaseUrl, StringComparison.OrdinalIgnoreCase)
                ? null
                : settings.ApiBaseUrl;
        return new TelegramBotClientOptions(settings.BotToken.Trim(), baseUrl)
        {
            RetryThreshold = 0,
            RetryCount = 1,
        };
    }
}
