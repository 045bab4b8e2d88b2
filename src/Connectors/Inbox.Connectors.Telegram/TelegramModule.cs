using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Webhooks;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Telegram;

/// <summary>
/// The Telegram channel from <c>Channels:Telegram</c>, on when <c>BotToken</c> is set: the sender (<see cref="IOutboundChannel"/>
/// "telegram"), the update handler for the webhook, and in polling mode the <c>getUpdates</c> poller. A malformed token or
/// base URL stops the start, naming the key. Needs from the host: <see cref="IInboundPipeline"/>, <see cref="IIdentityReachability"/>,
/// <see cref="IConnectorCursorStore"/>, the phone normaliser, logging.
/// </summary>
public sealed class TelegramModule : IConnectorModule
{
    private bool _polling;

    public string Name => ChannelNames.Telegram;

    public bool AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelegramChannelOptions.SectionName).Get<TelegramChannelOptions>() ?? new TelegramChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.AddOptions<TelegramChannelOptions>().Bind(configuration.GetSection(TelegramChannelOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelegramChannelOptions>, TelegramChannelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(TelegramBotClientFactory.RequestsClientName, http => http.Timeout = Positive(options.RequestTimeout));
        services.AddHttpClient(TelegramBotClientFactory.PollingClientName,
            http => http.Timeout = TimeSpan.FromSeconds(Math.Clamp(options.PollTimeoutSeconds, 0, 50)) + Positive(options.RequestTimeout));
        services.TryAddSingleton<TelegramBotClientFactory>();
        services.TryAddSingleton<TelegramInboundConverter>();
        services.TryAddSingleton<TelegramUpdateHandler>();
        services.AddWebhookIntake<TelegramWebhookHandler>(configuration, Name);
        services.TryAddSingleton<TelegramSender>();
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<TelegramSender>());
        _polling = options.Mode == TelegramMode.Polling;
        if (_polling)
        {
            services.AddConnectorHealth(Name);
            services.AddClusterSingleton(configuration);
            services.AddHostedService<TelegramPollingService>();
        }

        return true;
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTelegramChannel();

    /// <summary>In polling mode, whether <c>getUpdates</c> works (a webhook has no loop of ours to watch).</summary>
    public void AddHealthChecks(IHealthChecksBuilder health)
    {
        if (_polling)
        {
            health.AddConnectorCheck(Name);
        }
    }

    // A wrong timeout is reported by the validator at start; the client must still be constructible until then.
    private static TimeSpan Positive(TimeSpan timeout) => timeout > TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(30);
}
