using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Inbox.Connectors.Leases;

namespace Inbox.Connectors.Telephony;

/// <summary>
/// Keeps one connection to the Asterisk Manager Interface open and reports inbound calls (see <see cref="AmiCallTracker"/>)
/// to <see cref="ICallEventSink"/>, in the order Asterisk sent them.
/// <list type="number">
/// <item>Connect, read the banner, <c>Action: Login</c> (<c>Events: call,system</c>); a refusal drops the connection.</item>
/// <item><c>Action: CoreShowChannels</c>, so calls already in progress are picked up and calls that ended while the connection
/// was down are closed (AMI never replays events).</item>
/// <item>Read events; <c>Action: Ping</c> every <see cref="AsteriskOptions.PingInterval"/>. The connection is dropped when
/// the server closes or resets it, sends <c>Event: Shutdown</c>, or stays silent for PingInterval + ResponseTimeout.</item>
/// <item>Reconnect after <see cref="AsteriskOptions.ReconnectDelay"/>, doubled after every failed attempt up to
/// <see cref="AsteriskOptions.MaxReconnectDelay"/> (±20 % jitter); a successful login resets it. Stopping the host cancels
/// every wait.</item>
/// </list>
/// </summary>
public sealed class AsteriskAmiClient(IOptions<AsteriskOptions> options, ICallEventSink sink, TimeProvider clock,
    [FromKeyedServices(TelephonyProviders.Asterisk)] ConnectorHealth health, ILogger<AsteriskAmiClient> logger, ClusterSingleton? singleton = null)
    : BackgroundService
{
    private readonly AmiCallTracker _tracker = new(options.Value);

    /// <summary>The wait before reconnect attempt <paramref name="failures"/> (1-based), before jitter.</summary>
    public static TimeSpan ReconnectDelay(AsteriskOptions settings, int failures)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var delay = settings.ReconnectDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, settings.MaxReconnectDelay.TotalMilliseconds));
    }

    /// <summary>The lease of an Asterisk's AMI connection: one node of the cluster listens to it at a time.</summary>
    public static string LeaseName(AsteriskOptions settings) => $"asterisk:{settings.Host?.Trim().ToLowerInvariant()}:{settings.Port}:ami";

    /// <summary>Listens on the node that holds the lease (<see cref="ClusterSingleton"/>); without one, here.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        singleton is null ? ListenAsync(stoppingToken) : singleton.RunAsync(LeaseName(options.Value), ListenAsync, stoppingToken);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.CannotTellInternalCalls)
        {
            logger.LogWarning("Neither {Contexts} nor {Devices} is set: every Asterisk call counts as inbound, calls placed from internal phones too. " +
                "Set the dialplan contexts where trunk calls start, or list the internal phones' device names",
                $"{AsteriskOptions.SectionName}:InboundContexts", $"{AsteriskOptions.SectionName}:InternalDevices");
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                reason = await RunConnectionAsync(settings, () =>
                {
                    failures = 0;
                    health.Succeeded();
                }, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                reason = "no answer from the server in time";
            }
            catch (Exception ex) when (ex is SocketException or IOException or AmiProtocolException or ObjectDisposedException)
            {
                reason = ex.Message;
            }
            catch (Exception ex)
            {
                // Whatever went wrong, the client must keep trying: a crashed hosted service would stop the whole host.
                logger.LogError(ex, "Asterisk AMI client failed");
                reason = ex.GetType().Name;
            }

            failures++;
            health.Failed($"connection to {settings.Host}:{settings.Port} lost: {reason}");
            var delay = ReconnectDelay(settings, failures) * (0.8 + (Random.Shared.NextDouble() * 0.4));
            if (delay > settings.MaxReconnectDelay)
            {
                delay = settings.MaxReconnectDelay;
            }

            logger.LogWarning("Asterisk AMI connection to {Host}:{Port} lost ({Reason}); reconnecting in {Delay}",
                settings.Host, settings.Port, reason, delay);
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection, from connect to loss. Returns why it ended; throws on network and protocol errors.</summary>
    private async Task<string> RunConnectionAsync(AsteriskOptions settings, Action loggedIn, CancellationToken stoppingToken)
    {
        using var tcp = new TcpClient { NoDelay = true };
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            connecting.CancelAfter(settings.ConnectTimeout);
            await tcp.ConnectAsync(settings.Host!, settings.Port, connecting.Token);
        }

        using var connection = new AmiConnection(tcp.GetStream());
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        session.CancelAfter(settings.ResponseTimeout);
        if (!await connection.WaitForBannerAsync(session.Token))
        {
            return "closed before the banner";
        }

        var login = await connection.SendActionAsync("Login",
            [new("Username", settings.User!), new("Secret", settings.Secret ?? ""), new("Events", settings.Events)], session.Token);
        while (true)
        {
            var answer = await connection.ReadAsync(session.Token) ?? throw new IOException("The server closed the connection during login.");
            if (answer.ActionId != login || answer.Response is null)
            {
                continue;
            }

            if (!string.Equals(answer.Response, "Success", StringComparison.OrdinalIgnoreCase))
            {
                throw new AmiProtocolException($"login refused: {answer["Message"] ?? answer.Response}");
            }

            break;
        }

        loggedIn();
        logger.LogInformation("Connected to Asterisk AMI {Host}:{Port} ({Banner})", settings.Host, settings.Port, connection.Banner);

        var pingInterval = settings.PingInterval > TimeSpan.Zero ? settings.PingInterval : TimeSpan.FromSeconds(20);
        var idleTimeout = pingInterval + settings.ResponseTimeout;
        session.CancelAfter(idleTimeout);
        var pinging = PingAsync(connection, pingInterval, session);
        try
        {
            _tracker.BeginResync();
            var resync = await connection.SendActionAsync("CoreShowChannels", [], session.Token);
            var listed = new List<AmiMessage>();
            while (true)
            {
                var message = await connection.ReadAsync(session.Token);
                if (message is null)
                {
                    return "closed by the server";
                }

                session.CancelAfter(idleTimeout);
                if (message.IsEvent("Shutdown"))
                {
                    return "Asterisk is shutting down";
                }

                if (message.ActionId == resync && message.Response is not null)
                {
                    if (!string.Equals(message.Response, "Success", StringComparison.OrdinalIgnoreCase))
                    {
                        logger.LogWarning("Asterisk refused CoreShowChannels ({Message}): calls in progress are not picked up (the AMI user needs write = reporting)",
                            message["Message"]);
                        _tracker.AbandonResync();
                    }

                    continue;
                }

                if (message.IsEvent("CoreShowChannel") && message.ActionId == resync)
                {
                    listed.Add(message);
                    continue;
                }

                var events = message.IsEvent("CoreShowChannelsComplete") && message.ActionId == resync
                    ? _tracker.CompleteResync(listed, clock.GetUtcNow())
                    : _tracker.Handle(message, clock.GetUtcNow());
                foreach (var callEvent in events)
                {
                    await RecordAsync(callEvent, stoppingToken);
                }
            }
        }
        finally
        {
            await session.CancelAsync();
            await pinging;
            _tracker.AbandonResync();
        }
    }

    private async Task PingAsync(AmiConnection connection, TimeSpan interval, CancellationTokenSource session)
    {
        try
        {
            using var timer = new PeriodicTimer(interval, clock);
            while (await timer.WaitForNextTickAsync(session.Token))
            {
                await connection.SendActionAsync("Ping", [], session.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the connection is closing
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            logger.LogDebug(ex, "Asterisk AMI ping failed");
            await session.CancelAsync();
        }
    }

    private async Task RecordAsync(CallEvent callEvent, CancellationToken stoppingToken)
    {
        // AMI cannot redeliver: a failure is logged and the next event goes on (the host's session expiry closes what is left open).
        await CallEventRecorder.TryRecordAsync(sink, callEvent, logger, stoppingToken);
    }
}
