using System.Diagnostics;
using System.Threading.Channels;
using Inbox.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Reports;

/// <summary>
/// Pushes the live figures to the supervisors' and admins' consoles connected to this node (hub method <see cref="Method"/>)
/// when something changed: a conversation event or a presence change this node hears (<see cref="Changed"/>). Changes are
/// coalesced: one computation for any number of them, and at most one push per <see cref="ReportsOptions.PushInterval"/>
/// (a second by default) from this node, and building them takes at most <see cref="MaxShareOfTimePercent"/> of the time.
/// Nothing is computed while no supervisor is connected here.
/// </summary>
public sealed class ReportsPusher(
    LiveReportBuilder builder,
    ConsoleConnections connections,
    IHubContext<InboxHub> hub,
    IOptions<ReportsOptions> options,
    TimeProvider clock,
    ILogger<ReportsPusher> logger) : BackgroundService
{
    /// <summary>The client method that receives a <see cref="LiveReport"/> (supervisors and admins only).</summary>
    public const string Method = "reports";

    /// <summary>The most of this node's time building the figures may take, in percent.</summary>
    public const int MaxShareOfTimePercent = 10;

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Something the live figures count changed: they are pushed soon, at most once per interval.</summary>
    public void Changed() => _changes.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            _changes.Reader.TryRead(out _);
            if (connections.Supervisors().Count == 0)
            {
                continue;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                var report = await builder.BuildAsync(stoppingToken).ConfigureAwait(false);
                var audience = connections.Supervisors();
                if (audience.Count > 0)
                {
                    await hub.Clients.Clients(audience).SendAsync(Method, report, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not push the live figures to the supervisors; the next change pushes them again");
            }

            // Building the figures is three reads, yet the store may be busy or the queue long: they take at most a tenth of the
            // time (the pushes come less often instead, never the inbound path slower).
            var built = Stopwatch.GetElapsedTime(started);
            var pause = built * (100 / MaxShareOfTimePercent - 1);
            await Task.Delay(pause > options.Value.PushInterval ? pause : options.Value.PushInterval, clock, stoppingToken).ConfigureAwait(false);
        }
    }
}
