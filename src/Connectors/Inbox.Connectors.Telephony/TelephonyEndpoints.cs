using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Connectors.Telephony;

public static class TelephonyEndpoints
{
    /// <summary>
    /// Maps the webhooks of the adapters <see cref="TelephonyModule"/> turned on:
    /// <c>POST /webhooks/cti/{token}</c>, <c>GET|POST /webhooks/zadarma</c>, <c>POST /webhooks/mango/events/{kind}</c>,
    /// <c>POST /webhooks/twilio/voice</c> and <c>/webhooks/twilio/voice/dial</c>. Webhooks of adapters that are off are not mapped (404). Asterisk has no webhook.
    /// </summary>
    public static IEndpointRouteBuilder MapTelephony(this IEndpointRouteBuilder endpoints)
    {
        var adapters = endpoints.ServiceProvider.GetService<TelephonyAdapters>();
        if (adapters is null)
        {
            return endpoints;
        }

        if (adapters.IsOn(TelephonyProviders.Cti))
        {
            endpoints.MapCtiWebhook();
        }

        if (adapters.IsOn(TelephonyProviders.Zadarma))
        {
            endpoints.MapZadarmaWebhook();
        }

        if (adapters.IsOn(TelephonyProviders.Mango))
        {
            endpoints.MapMangoWebhook();
        }

        if (adapters.IsOn(TelephonyProviders.Twilio))
        {
            endpoints.MapTwilioVoiceWebhook();
        }

        return endpoints;
    }
}
