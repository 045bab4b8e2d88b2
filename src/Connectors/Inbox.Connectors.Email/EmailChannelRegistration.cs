using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Inbox.Connectors.Email;

public static class EmailChannelRegistration
{
    /// <summary>
    /// Registers the email channel from <c>Channels:Email</c>: the IMAP receiver (a hosted service) when <c>Imap:Host</c> and
    /// <c>Imap:User</c> are set, the SMTP sender (<see cref="IOutboundChannel"/> "email") when <c>Smtp:Host</c> and
    /// <c>Smtp:From</c> are set. Returns false (and registers nothing) when neither is. Throws when a setting is malformed.
    /// </summary>
    /// <remarks>
    /// The first thing it does is <c>Encoding.RegisterProvider(CodePagesEncodingProvider.Instance)</c>: MimeKit builds its
    /// charset table once, at first use, and without the provider it reads windows-1251 and koi8-r as Latin-1 garbage. The
    /// host must therefore call this at start-up, before anything uses MimeKit.
    /// Needs from the host: <see cref="IInboundPipeline"/>, <see cref="IDeliveryReceipts"/>, <see cref="IConnectorCursorStore"/>,
    /// <see cref="IConversationHistory"/> (for threading replies; without it replies go out unthreaded), logging.
    /// </remarks>
    public static bool AddEmailChannel(this IServiceCollection services, IConfiguration configuration)
    {
        EmailCharsets.Register();
        var section = configuration.GetSection(EmailChannelOptions.SectionName);
        var options = section.Get<EmailChannelOptions>() ?? new EmailChannelOptions();
        if (!options.ReceivingEnabled && !options.SendingEnabled)
        {
            return false;
        }

        Validate(options);
        services.Configure<EmailChannelOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EmailMimeReader>();
        if (options.SendingEnabled)
        {
            services.TryAddSingleton<EmailReplyBuilder>();
            services.TryAddSingleton<EmailSender>();
            services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<EmailSender>());
        }

        if (options.ReceivingEnabled)
        {
            services.TryAddSingleton<EmailInboundConverter>();
            services.TryAddSingleton<EmailMailFetcher>();
            services.AddHostedService<EmailImapReceiver>();
        }

        return true;
    }

    private static void Validate(EmailChannelOptions options)
    {
        var name = EmailChannelOptions.SectionName;
        if (options.SendingEnabled && EmailAddresses.ParseConfigured(options.Smtp.From) is null)
        {
            throw new InvalidOperationException($"{name}:Smtp:From must be an email address, e.g. \"Shop support <support@shop.example>\".");
        }

        if (!string.IsNullOrWhiteSpace(options.ReplyTo) && EmailAddresses.ParseConfigured(options.ReplyTo) is null)
        {
            throw new InvalidOperationException($"{name}:ReplyTo must be an email address (the base of the plus-addresses), e.g. support@shop.example.");
        }

        if (options.MaxAttachmentBytes <= 0)
        {
            throw new InvalidOperationException($"{name}:MaxAttachmentBytes must be positive.");
        }

        if (options.IdleMinutes is < 1 or > 9)
        {
            throw new InvalidOperationException($"{name}:IdleMinutes must be 1–9: servers drop idle connections after 10 minutes (Gmail) to 30 minutes (RFC 2177).");
        }

        if (options.PollSeconds < 1)
        {
            throw new InvalidOperationException($"{name}:PollSeconds must be at least 1.");
        }

        if (options.ReconnectDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectDelay)
        {
            throw new InvalidOperationException($"{name}:ReconnectDelay must be positive and at most ReconnectMaxDelay.");
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{name}:CommandTimeout must be positive.");
        }

        if (EmailCharsets.TryGet(options.FallbackCharset) is null)
        {
            throw new InvalidOperationException($"{name}:FallbackCharset '{options.FallbackCharset}' is not a known charset (e.g. windows-1251).");
        }

        foreach (var (port, key) in (ReadOnlySpan<(int, string)>)[(options.Imap.Port, "Imap:Port"), (options.Smtp.Port, "Smtp:Port")])
        {
            if (port is < 0 or > 65535)
            {
                throw new InvalidOperationException($"{name}:{key} must be 0 (the usual port) or 1–65535.");
            }
        }
    }
}
