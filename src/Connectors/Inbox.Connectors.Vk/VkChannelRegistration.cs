using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Connectors.Vk;

public static class VkChannelRegistration
{
    /// <summary>
    /// Registers the VK channel; returns false (and registers nothing) when <c>Channels:Vk:AccessToken</c> or
    /// <c>Channels:Vk:GroupId</c> is not set. In <see cref="VkMode.LongPoll"/> mode it also registers the long poll
    /// service; in <see cref="VkMode.Callback"/> mode the host maps <see cref="VkChannelEndpoints.MapVkChannel"/>.
    /// </summary>
    public static bool AddVkChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(VkChannelOptions.SectionName);
        var options = section.Get<VkChannelOptions>() ?? new VkChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.Configure<VkChannelOptions>(section);
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
        services.TryAddTransient<VkOutboundChannel>();
        services.AddTransient<IOutboundChannel>(sp => sp.GetRequiredService<VkOutboundChannel>());
        if (options.Mode == VkMode.LongPoll)
        {
            services.AddHostedService<VkLongPollService>();
        }

        return true;
    }
}
