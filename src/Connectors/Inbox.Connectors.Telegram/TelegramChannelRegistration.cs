using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Connectors.Telegram;

public static class TelegramChannelRegistration
{
    /// <summary>
    /// Registers the Telegram channel from <c>Channels:Telegram</c>: the sender (<see cref="IOutboundChannel"/> "telegram"),
    /// the update handler for the webhook, and in polling mode the <c>getUpdates</c> poller. Returns false (and registers
    /// nothing) when <c>Channels:Telegram:BotToken</c> is not set. Throws when the token or the base URL is malformed.
    /// Needs from the host: <see cref="IInboundPipeline"/>, <see cref="IIdentityReachability"/>, <see cref="IConnectorCursorStore"/>,
    /// <see cref="PhoneNumberNormalizer"/>, logging.
    /// </summary>
    public static bool AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelegramChannelOptions.SectionName);
        var options = section.Get<TelegramChannelOptions>() ?? new TelegramChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        Validate(options);
        services.Configure<TelegramChannelOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TelegramBotClientFactory.RequestsClientName, http => http.Timeout = options.RequestTimeout);
        services.AddHttpClient(TelegramBotClientFactory.PollingClientName,
            http => http.Timeout = TimeSpan.FromSeconds(Math.Clamp(options.PollTimeoutSeconds, 0, 50)) + options.RequestTimeout);
        services.TryAddSingleton<TelegramBotClientFactory>();
        services.TryAddSingleton<TelegramInboundConverter>();
        services.TryAddSingleton<TelegramUpdateHandler>();
        services.TryAddSingleton<TelegramSender>();
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<TelegramSender>());
        if (options.Mode == TelegramMode.Polling)
        {
            services.AddHostedService<TelegramPollingService>();
        }

        return true;
    }

    private static void Validate(TelegramChannelOptions options)
    {
        try
        {
            TelegramBotClientFactory.CreateOptions(options);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"{TelegramChannelOptions.SectionName}: {ex.Message}. BotToken must look like 123456789:AA… (from @BotFather) and ApiBaseUrl like https://api.telegram.org.", ex);
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{TelegramChannelOptions.SectionName}:RequestTimeout must be positive.");
        }

        if (options.PollErrorDelay <= TimeSpan.Zero || options.PollErrorMaxDelay < options.PollErrorDelay)
        {
            throw new InvalidOperationException($"{TelegramChannelOptions.SectionName}:PollErrorDelay must be positive and at most PollErrorMaxDelay.");
        }
    }
}
