using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

public static class TwilioChannelRegistration
{
    /// <summary>
    /// Registers the Twilio channel; returns false (and registers nothing) unless <c>Channels:Twilio:AccountSid</c> and
    /// <c>AuthToken</c> are set. Sending by SMS is registered when <c>SmsFrom</c> is set, by WhatsApp when <c>WhatsAppFrom</c> is.
    /// </summary>
    public static bool AddTwilioChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TwilioChannelOptions.SectionName);
        var options = section.Get<TwilioChannelOptions>() ?? new TwilioChannelOptions();
        if (!options.Enabled)
        {
            return false;
        }

        services.Configure<TwilioChannelOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TwilioWebhookReader>();
        services.TryAddSingleton<TwilioInboundConverter>();
        services.TryAddSingleton<TwilioReceiptRanks>();
        services.TryAddTransient<TwilioMediaDownloader>();
        services.TryAddTransient<TwilioMessageWebhook>();
        services.TryAddTransient<TwilioStatusWebhook>();
        services.AddHttpClient<TwilioRestClient>()
            .AddStandardResilienceHandler(resilience =>
            {
                // The outbox retries with its own backoff and shows every attempt on the timeline: no hidden retries here
                // (a blind retry could send a message twice).
                resilience.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                resilience.AttemptTimeout.Timeout = options.RequestTimeout;
                resilience.TotalRequestTimeout.Timeout = options.RequestTimeout * 2;
                resilience.CircuitBreaker.SamplingDuration = options.RequestTimeout * 2 > TimeSpan.FromSeconds(30) ? options.RequestTimeout * 2 : TimeSpan.FromSeconds(30);
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

    private static TwilioOutboundChannel Sender(IServiceProvider services, string channel) => new(
        channel,
        services.GetRequiredService<TwilioRestClient>(),
        services.GetRequiredService<IOptions<TwilioChannelOptions>>(),
        services.GetRequiredService<ILogger<TwilioOutboundChannel>>());
}
