using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>
/// The connector as the host runs it: a generic host with <c>AddEmailChannel</c> and the recording fakes of a
/// <see cref="TestWorld"/> (the email channel has no HTTP endpoints, so no Kestrel), pointed at a real Dovecot and the
/// fake SMTP server. Stopping it is a process stop: the receiver's token is cancelled mid-work.
/// </summary>
public sealed class EmailTestHost : IAsyncDisposable
{
    public const string From = "Shop support <support@shop.example>";

    private EmailTestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public IOutboundChannel Sender => Services.GetServices<IOutboundChannel>().Single(c => c.Channel == ChannelNames.Email);

    /// <summary>Settings as a test run uses them: quick reconnects; IDLE as configured by the server.</summary>
    public static Dictionary<string, string?> Settings(DovecotServer? imap, string? user, int smtpPort, string folder = "INBOX") => new()
    {
        ["Channels:Email:Imap:Host"] = imap?.Host,
        ["Channels:Email:Imap:Port"] = imap?.Port.ToString(CultureInfo.InvariantCulture),
        ["Channels:Email:Imap:Security"] = "None",
        ["Channels:Email:Imap:User"] = user,
        ["Channels:Email:Imap:Password"] = DovecotServer.Password,
        ["Channels:Email:Imap:Folder"] = folder,
        ["Channels:Email:Smtp:Host"] = "127.0.0.1",
        ["Channels:Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
        ["Channels:Email:Smtp:Security"] = "None",
        ["Channels:Email:Smtp:From"] = From,
        ["Channels:Email:ReconnectDelay"] = "00:00:00.050",
        ["Channels:Email:ReconnectMaxDelay"] = "00:00:00.500",
        ["Channels:Email:CommandTimeout"] = "00:00:20",
        ["Channels:Email:PollSeconds"] = "600",
        // The tests put mail into the folder before the receiver starts; the default (0) would skip it.
        ["Channels:Email:ImportExistingDays"] = "3650",
    };

    public static async Task<EmailTestHost> StartAsync(Dictionary<string, string?> settings, TestWorld world, TimeProvider? clock = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(world.Logs);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IInboundPipeline>(world.Pipeline);
        builder.Services.AddSingleton<IConnectorCursorStore>(world.Cursors);
        builder.Services.AddSingleton<IDeliveryReceipts>(world.Receipts);
        builder.Services.AddSingleton<IConversationHistory>(world.History);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        Assert.True(new EmailModule().AddServices(builder.Services, builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new EmailTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Signal.MaxWait);
        await Host.StopAsync(timeout.Token);
        Host.Dispose();
    }
}
