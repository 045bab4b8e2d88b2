using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Testing;

namespace Inbox.Connectors.Email.Tests;

/// <summary>The channel is on for receiving and for sending separately, by their settings; bad settings stop start-up clearly.</summary>
public sealed class EmailRegistrationTests
{
    private static (bool Added, IServiceCollection Services) Register(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return (new EmailModule().AddServices(services, configuration), services);
    }

    private static Dictionary<string, string?> Imap() => new() { ["Channels:Email:Imap:Host"] = "imap.shop.example", ["Channels:Email:Imap:User"] = "support@shop.example" };

    private static Dictionary<string, string?> Smtp() => new() { ["Channels:Email:Smtp:Host"] = "smtp.shop.example", ["Channels:Email:Smtp:From"] = "support@shop.example" };

    [Fact]
    public void Without_settings_nothing_is_registered()
    {
        var (added, services) = Register(new() { ["Channels:Email:Imap:Host"] = "imap.shop.example", ["Channels:Email:Smtp:Host"] = "smtp.shop.example" });
        Assert.False(added);
        Assert.Empty(services);
    }

    [Fact]
    public void Smtp_settings_alone_register_the_sender_only()
    {
        var (added, services) = Register(Smtp());
        Assert.True(added);
        Assert.Contains(services, d => d.ServiceType == typeof(IOutboundChannel));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void Imap_settings_alone_register_the_receiver_only()
    {
        var (added, services) = Register(Imap());
        Assert.True(added);
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EmailImapReceiver));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IOutboundChannel));
    }

    [Fact]
    public void The_sender_serves_the_email_channel()
    {
        var settings = Smtp();
        var (_, services) = Register(settings);
        services.AddLogging();
        using var provider = services.BuildServiceProvider();
        Assert.Equal(ChannelNames.Email, Assert.Single(provider.GetServices<IOutboundChannel>()).Channel);
    }

    [Theory]
    [InlineData("Channels:Email:IdleMinutes", "10", "IdleMinutes must be 1–9")]
    [InlineData("Channels:Email:IdleMinutes", "0", "IdleMinutes must be 1–9")]
    [InlineData("Channels:Email:ImportExistingDays", "-1", "ImportExistingDays must be 0–3650")]
    [InlineData("Channels:Email:Smtp:From", "not an address", "Smtp:From must be an email address")]
    [InlineData("Channels:Email:ReplyTo", "nope", "ReplyTo must be an email address")]
    [InlineData("Channels:Email:MaxAttachmentBytes", "0", "MaxAttachmentBytes must be positive")]
    [InlineData("Channels:Email:FallbackCharset", "x-martian", "FallbackCharset 'x-martian' is not a known charset")]
    [InlineData("Channels:Email:Imap:Port", "70000", "Imap:Port must be 0")]
    public void Malformed_settings_stop_start_up_with_a_clear_message(string key, string value, string message)
    {
        var settings = Smtp();
        foreach (var (k, v) in Imap())
        {
            settings[k] = v;
        }

        settings[key] = value;
        var (added, services) = Register(settings);
        Assert.True(added);
        var error = Assert.Throws<OptionsValidationException>(() => StartupValidation.Run(services));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_usual_ports_follow_the_security_mode()
    {
        Assert.Equal(993, new EmailImapOptions().EffectivePort);
        Assert.Equal(143, new EmailImapOptions { Security = EmailSecurity.StartTls }.EffectivePort);
        Assert.Equal(587, new EmailSmtpOptions().EffectivePort);
        Assert.Equal(465, new EmailSmtpOptions { Security = EmailSecurity.SslOnConnect }.EffectivePort);
        Assert.Equal(2525, new EmailSmtpOptions { Port = 2525 }.EffectivePort);
    }
}
