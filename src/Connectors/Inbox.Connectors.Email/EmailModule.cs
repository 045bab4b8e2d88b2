using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Email;

/// <summary>
/// The email channel from <c>Channels:Email</c>: the IMAP receiver (a hosted service) when <c>Imap:Host</c> and
/// <c>Imap:User</c> are set, the SMTP sender (<see cref="IOutboundChannel"/> "email") when <c>Smtp:Host</c> and
/// <c>Smtp:From</c> are set; off when neither is. A malformed setting stops the start, naming the key.
/// </summary>
/// <remarks>
/// The first thing it does is <c>Encoding.RegisterProvider(CodePagesEncodingProvider.Instance)</c>: MimeKit builds its
/// charset table once, at first use, and without the provider it reads windows-1251 and koi8-r as Latin-1 garbage.
/// Needs from the host: <see cref="IInboundPipeline"/>, <see cref="IDeliveryReceipts"/>, <see cref="IConnectorCursorStore"/>,
/// <see cref="IConversationHistory"/> (for threading replies; without it replies go out unthreaded), logging.
/// </remarks>
public sealed class EmailModule : IConnectorModule
{
    private bool _receiving;

    public string Name => ChannelNames.Email;

    public bool AddServices(IServiceCollection services, IConfiguration configuration)
    {
        EmailCharsets.Register();
        var options = configuration.GetSection(EmailChannelOptions.SectionName).Get<EmailChannelOptions>() ?? new EmailChannelOptions();
        if (!options.ReceivingEnabled && !options.SendingEnabled)
        {
            return false;
        }

        services.AddOptions<EmailChannelOptions>().Bind(configuration.GetSection(EmailChannelOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailChannelOptions>, EmailChannelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EmailMimeReader>();
        if (options.SendingEnabled)
        {
            services.TryAddSingleton<EmailReplyBuilder>();
            services.TryAddSingleton<EmailSender>();
            services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<EmailSender>());
        }

        _receiving = options.ReceivingEnabled;
        if (_receiving)
        {
            services.AddConnectorHealth(Name);
            services.TryAddSingleton<EmailInboundConverter>();
            services.TryAddSingleton<EmailMailFetcher>();
            services.TryAddSingleton(sp => new EmailDeadLetterStore(sp.GetRequiredService<IConnectorCursorStore>(),
                sp.GetRequiredKeyedService<ConnectorHealth>(ChannelNames.Email)));
            services.AddClusterSingleton(configuration);
            services.AddHostedService<EmailImapReceiver>();
        }

        return true;
    }

    /// <summary>When receiving, whether the IMAP folder is reached and read (sending is judged per reply, on the timeline).</summary>
    public void AddHealthChecks(IHealthChecksBuilder health)
    {
        if (_receiving)
        {
            health.AddConnectorCheck(Name);
        }
    }
}
