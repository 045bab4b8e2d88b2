using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Connectors.Telephony;

public static class TelephonyRegistration
{
    /// <summary>
    /// Registers each telephony adapter whose keys are set: <c>Telephony:Cti:Token</c> (generic CTI webhook),
    /// <c>Telephony:Asterisk:Host</c> + <c>User</c> (AMI client, a hosted service), <c>Telephony:Zadarma:Secret</c>,
    /// <c>Telephony:Mango:ApiKey</c> + <c>ApiSalt</c>, <c>Channels:Twilio:AuthToken</c> (Twilio Voice). Returns the names
    /// (<see cref="TelephonyProviders"/>) of those that are on; registers nothing when none is. The host registers
    /// <see cref="ICallEventSink"/>.
    /// </summary>
    public static IReadOnlyList<string> AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        var cti = Bind<CtiOptions>(configuration, CtiOptions.SectionName);
        var asterisk = Bind<AsteriskOptions>(configuration, AsteriskOptions.SectionName);
        var zadarma = Bind<ZadarmaOptions>(configuration, ZadarmaOptions.SectionName);
        var mango = Bind<MangoOptions>(configuration, MangoOptions.SectionName);
        var twilio = TwilioVoice(configuration);

        var enabled = new List<string>();
        if (cti.Enabled)
        {
            enabled.Add(TelephonyProviders.Cti);
            services.Configure<CtiOptions>(configuration.GetSection(CtiOptions.SectionName));
            services.TryAddSingleton<CtiEventConverter>();
        }

        if (asterisk.Enabled)
        {
            enabled.Add(TelephonyProviders.Asterisk);
            services.Configure<AsteriskOptions>(configuration.GetSection(AsteriskOptions.SectionName));
            services.AddHostedService<AsteriskAmiClient>();
        }

        if (zadarma.Enabled)
        {
            enabled.Add(TelephonyProviders.Zadarma);
            services.Configure<ZadarmaOptions>(configuration.GetSection(ZadarmaOptions.SectionName));
        }

        if (mango.Enabled)
        {
            enabled.Add(TelephonyProviders.Mango);
            services.Configure<MangoOptions>(configuration.GetSection(MangoOptions.SectionName));
            services.TryAddSingleton<MangoEventConverter>();
        }

        if (twilio.Enabled)
        {
            enabled.Add(TelephonyProviders.Twilio);
            services.Configure<TwilioVoiceOptions>(options =>
            {
                var current = TwilioVoice(configuration);
                options.AuthToken = current.AuthToken;
                options.PublicBaseUrl = current.PublicBaseUrl;
                options.ForwardTo = current.ForwardTo;
            });
        }

        if (enabled.Count > 0)
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(new TelephonyAdapters(enabled));
        }

        return enabled;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();

    private static TwilioVoiceOptions TwilioVoice(IConfiguration configuration) => new()
    {
        AuthToken = configuration[$"{TwilioVoiceOptions.ChannelSectionName}:AuthToken"],
        PublicBaseUrl = configuration[$"{TwilioVoiceOptions.ChannelSectionName}:PublicBaseUrl"],
        ForwardTo = configuration[$"{TwilioVoiceOptions.TelephonySectionName}:ForwardTo"],
    };
}
