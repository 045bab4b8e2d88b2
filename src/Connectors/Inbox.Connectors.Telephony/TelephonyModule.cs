using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Phone calls: each telephony adapter whose keys are set — <c>Telephony:Cti:Token</c> (generic CTI webhook),
/// <c>Telephony:Asterisk:Host</c> + <c>User</c> (AMI client, a hosted service), <c>Telephony:Zadarma:Secret</c>,
/// <c>Telephony:Mango:ApiKey</c> + <c>ApiSalt</c>, <c>Channels:Twilio:AuthToken</c> (Twilio Voice). Off when none is.
/// The host registers <see cref="ICallEventSink"/>.
/// </summary>
public sealed class TelephonyModule : IConnectorModule
{
    private readonly List<string> _adapters = [];

    public string Name => "voice";

    /// <summary>The adapters <see cref="AddServices"/> turned on (<see cref="TelephonyProviders"/>).</summary>
    public IReadOnlyList<string> Adapters => _adapters;

    public bool AddServices(IServiceCollection services, IConfiguration configuration)
    {
        _adapters.Clear();
        if (IsOn<CtiOptions>(configuration, CtiOptions.SectionName, o => o.Enabled))
        {
            _adapters.Add(TelephonyProviders.Cti);
            services.AddOptions<CtiOptions>().Bind(configuration.GetSection(CtiOptions.SectionName));
            services.TryAddSingleton<CtiEventConverter>();
        }

        if (IsOn<AsteriskOptions>(configuration, AsteriskOptions.SectionName, o => o.Enabled))
        {
            _adapters.Add(TelephonyProviders.Asterisk);
            services.AddOptions<AsteriskOptions>().Bind(configuration.GetSection(AsteriskOptions.SectionName)).ValidateOnStart()
                .Validate(o => o.Port is > 0 and <= 65535 && o.PingInterval > TimeSpan.Zero && o.ResponseTimeout > TimeSpan.Zero
                        && o.ConnectTimeout > TimeSpan.Zero && o.ReconnectDelay > TimeSpan.Zero && o.MaxReconnectDelay >= o.ReconnectDelay,
                    $"{AsteriskOptions.SectionName}: Port must be 1–65535, the timeouts and ReconnectDelay positive, MaxReconnectDelay at least ReconnectDelay.")
                .Validate(o => o.InboundContexts.Concat(o.InternalDevices).All(name => !string.IsNullOrWhiteSpace(name)),
                    $"{AsteriskOptions.SectionName}: InboundContexts and InternalDevices must not hold empty names.");
            services.AddConnectorHealth(TelephonyProviders.Asterisk);
            services.AddClusterSingleton(configuration);
            services.AddHostedService<AsteriskAmiClient>();
        }

        if (IsOn<ZadarmaOptions>(configuration, ZadarmaOptions.SectionName, o => o.Enabled))
        {
            _adapters.Add(TelephonyProviders.Zadarma);
            services.AddOptions<ZadarmaOptions>().Bind(configuration.GetSection(ZadarmaOptions.SectionName));
        }

        if (IsOn<MangoOptions>(configuration, MangoOptions.SectionName, o => o.Enabled))
        {
            _adapters.Add(TelephonyProviders.Mango);
            services.AddOptions<MangoOptions>().Bind(configuration.GetSection(MangoOptions.SectionName));
            services.TryAddSingleton<MangoEventConverter>();
        }

        if (IsOn<TwilioVoiceOptions>(configuration, TwilioVoiceOptions.ChannelSectionName, o => o.Enabled))
        {
            _adapters.Add(TelephonyProviders.Twilio);
            // The auth token and public URL are the messaging channel's (Channels:Twilio); ForwardTo and the spoken message are telephony's own.
            services.AddOptions<TwilioVoiceOptions>()
                .Bind(configuration.GetSection(TwilioVoiceOptions.ChannelSectionName))
                .Bind(configuration.GetSection(TwilioVoiceOptions.TelephonySectionName))
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioVoiceOptions>, TwilioVoiceOptionsValidator>());
        }

        if (_adapters.Count == 0)
        {
            return false;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new TelephonyAdapters(_adapters.ToList()));
        return true;
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapTelephony();

    /// <summary>With Asterisk, whether the AMI connection is up (the webhook adapters have no loop of ours to watch).</summary>
    public void AddHealthChecks(IHealthChecksBuilder health)
    {
        if (_adapters.Contains(TelephonyProviders.Asterisk))
        {
            health.AddConnectorCheck(TelephonyProviders.Asterisk);
        }
    }

    private static bool IsOn<T>(IConfiguration configuration, string section, Func<T, bool> enabled)
        where T : new() => enabled(configuration.GetSection(section).Get<T>() ?? new T());
}
