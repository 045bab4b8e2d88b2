using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Api;

/// <summary>Our own API channel: on when <c>Channels:Api:Token</c> is set.</summary>
public sealed class ApiChannelModule : IConnectorModule
{
    public string Name => ChannelNames.Api;

    public bool AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiChannelOptions.SectionName).Get<ApiChannelOptions>() ?? new ApiChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.AddOptions<ApiChannelOptions>().Bind(configuration.GetSection(ApiChannelOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiChannelOptions>, ApiChannelOptionsValidator>());
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

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapApiChannel();
}
