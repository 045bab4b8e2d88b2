using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Inbox.Benchmarks;

/// <summary>
/// The garbage collector's pauses in another .NET process over a phase, read from the runtime's own events over its
/// diagnostics port (EventPipe, the GC keyword at informational level: a handful of events per collection, nothing per
/// allocation). A pause runs from the runtime suspending every managed thread to it restarting them; a request in flight
/// then waits it out, so at a few collections a second the pauses are part of any p99.
/// </summary>
public sealed class GcPauses : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reading;
    private readonly List<double> _pausesMs = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private double _suspendedAt = double.NaN;
    private int _gen2;
    private int _blockingGen2;

    private GcPauses(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCSuspendEEStart += e => _suspendedAt = e.TimeStampRelativeMSec;
        source.Clr.GCStart += e =>
        {
            if (e.Depth == 2)
            {
                _gen2++;
                _blockingGen2 += e.Type == GCType.BackgroundGC ? 0 : 1;
            }
        };
        source.Clr.GCRestartEEStop += e =>
        {
            if (!double.IsNaN(_suspendedAt))
            {
                _pausesMs.Add(e.TimeStampRelativeMSec - _suspendedAt);
            }

            _suspendedAt = double.NaN;
        };
        _reading = Task.Run(source.Process);
    }

    /// <summary>Starts reading the pauses of process <paramref name="pid"/>, or null when its diagnostics port does not answer.</summary>
    public static GcPauses? TryStart(int pid)
    {
        try
        {
            var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC);
            return new GcPauses(new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false));
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Stops reading and sums up what was read.</summary>
    public async Task<GcPauseSummary> StopAsync()
    {
        var seconds = (DateTime.UtcNow - _started).TotalSeconds;
        await _session.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _reading.ConfigureAwait(false); // the events' one thread has ended: what it counted is read here
        List<double> pauses = [.. _pausesMs.Order()];
        var total = pauses.Sum();
        return new GcPauseSummary(pauses.Count, _gen2, _blockingGen2, total, seconds > 0 ? total / (seconds * 1000) : 0,
            pauses.Count > 0 ? pauses[pauses.Count / 2] : 0, pauses.Count > 0 ? pauses[^1] : 0, pauses.Count(p => p > 10));
    }

    public async ValueTask DisposeAsync()
    {
        _session.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
