using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Webhooks;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Vk;

/// <summary>
/// The VK channel, on when <c>Channels:Vk:AccessToken</c> and <c>Channels:Vk:GroupId</c> are set: the Callback API webhook
/// (<see cref="VkMode.Callback"/>) or the long poll service (<see cref="VkMode.LongPoll"/>), and the sender.
/// </summary>
public sealed class VkModule : IConnectorModule
{
    private bool _longPoll;

    public string Name => ChannelNames.Vk;

    public bool AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(VkChannelOptions.SectionName).Get<VkChannelOptions>() ?? new VkChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.AddOptions<VkChannelOptions>().Bind(configuration.GetSection(VkChannelOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VkChannelOptions>, VkChannelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VkRateLimiters>();
        services.TryAddSingleton<VkNameCache>();

        // No hidden retries in the clients: the outbox retries replies with the same random_id; VK re-sends callbacks; long poll re-polls.
        var timeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : TimeSpan.FromSeconds(30);
        services.AddHttpClient<VkApiClient>(http => http.Timeout = timeout);
        services.AddHttpClient<VkFileClient>(http => http.Timeout = timeout * 2);
        services.AddHttpClient<VkLongPollClient>(http => http.Timeout = TimeSpan.FromSeconds(Math.Clamp(options.LongPollWaitSeconds, 1, 90)) + timeout);

        services.TryAddTransient<VkSenderNames>();
        services.TryAddTransient<VkEventProcessor>();
        services.AddWebhookIntake<VkWebhookHandler>(configuration, Name);
        services.TryAddTransient<VkOutboundChannel>();
        services.AddTransient<IOutboundChannel>(sp => sp.GetRequiredService<VkOutboundChannel>());
        _longPoll = options.Mode == VkMode.LongPoll;
        if (_longPoll)
        {
            services.AddConnectorHealth(Name);
            services.AddClusterSingleton(configuration);
            services.AddHostedService<VkLongPollService>();
        }

        return true;
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapVkChannel();

    /// <summary>In long poll mode, whether polling works (a Callback server has no loop of ours to watch).</summary>
    public void AddHealthChecks(IHealthChecksBuilder health)
    {
        if (_longPoll)
        {
            health.AddConnectorCheck(Name);
        }
    }
}
