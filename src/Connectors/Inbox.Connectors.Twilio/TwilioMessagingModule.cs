using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Webhooks;

namespace Inbox.Connectors.Twilio;

/// <summary>
/// SMS and WhatsApp through Twilio, on when <c>Channels:Twilio:AccountSid</c> and <c>AuthToken</c> are set: the inbound and
/// status webhooks, and sending by SMS when <c>SmsFrom</c> is set, by WhatsApp when <c>WhatsAppFrom</c> is.
/// </summary>
public sealed class TwilioMessagingModule : IConnectorModule
{
    public string Name => "twilio";

    public bool AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TwilioChannelOptions.SectionName).Get<TwilioChannelOptions>() ?? new TwilioChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.AddOptions<TwilioChannelOptions>().Bind(configuration.GetSection(TwilioChannelOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioChannelOptions>, TwilioChannelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TwilioWebhookReader>();
        services.TryAddSingleton<TwilioInboundConverter>();
        services.TryAddSingleton<TwilioReceiptRanks>();
        services.TryAddTransient<TwilioMediaDownloader>();
        services.TryAddTransient<TwilioMessageWebhook>();
        services.TryAddTransient<TwilioStatusWebhook>();
        services.AddWebhookIntake<TwilioMessageHandler>(configuration, TwilioMessageWebhook.Source);
        services.AddWebhookIntake<TwilioStatusHandler>(configuration, TwilioStatusWebhook.Source);
        var timeout = options.RequestTimeout > TimeSpan.Zero ? options.RequestTimeout : TimeSpan.FromSeconds(10);
        services.AddHttpClient<TwilioRestClient>()
            .AddStandardResilienceHandler(resilience =>
            {
                // The outbox retries with its own backoff and shows every attempt on the timeline: no hidden retries here
                // (a blind retry could send a message twice).
                resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                resilience.AttemptTimeout.Timeout = timeout;
                resilience.TotalRequestTimeout.Timeout = timeout * 2;
                resilience.CircuitBreaker.SamplingDuration = timeout * 2 > TimeSpan.FromSeconds(30) ? timeout * 2 : TimeSpan.FromSeconds(30);
            });

        if (options.SmsEnabled)
        {
            services.AddTransient<IOutboundChannel>(sp => Sender(sp, ChannelNames.Sms));
        }

        if (options.WhatsAppEnabled)
        {
            services.AddTransient<IOutboundChannel>(sp => Sender(sp, ChannelNames.WhatsApp));
        }

        return true;
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTwilioChannel();

    private static TwilioOutboundChannel Sender(IServiceProvider services, string channel) => new(
        channel,
        services.GetRequiredService<TwilioRestClient>(),
        services.GetRequiredService<IOptions<TwilioChannelOptions>>(),
        services.GetRequiredService<ILogger<TwilioOutboundChannel>>());
}
