using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Inbox.Connectors.Api;

public static class ApiChannelRegistration
{
    /// <summary>Registers the API channel; returns false (and registers nothing) when <c>Channels:Api:Token</c> is not set.</summary>
    public static bool AddApiChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ApiChannelOptions.SectionName);
        services.Configure<ApiChannelOptions>(section);
        var options = section.Get<ApiChannelOptions>() ?? new ApiChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiInboundConverter>();
        services.AddHttpClient<ApiCallbackSender>()
            .AddStandardResilienceHandler(resilience =>
            {
                // The outbox retries with its own backoff and shows every attempt on the timeline: no hidden retries here.
                resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                resilience.AttemptTimeout.Timeout = options.CallbackTimeout;
                resilience.TotalRequestTimeout.Timeout = options.CallbackTimeout * 3;
                resilience.CircuitBreaker.SamplingDuration = options.CallbackTimeout * 2 > TimeSpan.FromSeconds(30) ? options.CallbackTimeout * 2 : TimeSpan.FromSeconds(30);
            });
        services.AddTransient<IOutboundChannel>(sp => sp.GetRequiredService<ApiCallbackSender>());
        return true;
    }
}
