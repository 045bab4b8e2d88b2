using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Inbox.Benchmarks;

/// <summary>
/// The garbage collector's pauses and the lock waits in another .NET process over a phase, read from the runtime's own
/// events over its diagnostics port (EventPipe at informational level: the GC keyword, a handful of events per collection,
/// nothing per allocation; the contention keyword, two events per wait for a lock another thread holds, none for a lock
/// taken at once). A pause runs from the runtime suspending every managed thread to it restarting them; a request in
/// flight then waits it out, so at a few collections a second the pauses are part of any p99. A lock wait holds one of
/// the few threads of the pool (two or three on 2 cores) for as long as it lasts; a long one is a lock held long, such
/// as a dictionary's while it grows.
/// </summary>
public sealed class RuntimeEvents : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reading;
    private readonly List<(DateTime Start, double Ms)> _pauses = [];
    private readonly Dictionary<int, DateTime> _fullStarted = [];
    private readonly List<(DateTime Start, DateTime End)> _fullCollections = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private double _suspendedAt = double.NaN;
    private DateTime _suspendedAtTime;
    private int _gen2;
    private int _blockingGen2;
    private readonly List<(DateTime Start, double Ms)> _lockWaits = [];

    private RuntimeEvents(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Clr.GCSuspendEEStart += e =>
        {
            _suspendedAt = e.TimeStampRelativeMSec;
            _suspendedAtTime = e.TimeStamp.ToUniversalTime();
        };
        source.Clr.GCStart += e =>
        {
            if (e.Depth == 2)
            {
                _gen2++;
                _blockingGen2 += e.Type == GCType.BackgroundGC ? 0 : 1;
                _fullStarted[e.Count] = e.TimeStamp.ToUniversalTime();
            }
        };
        source.Clr.GCStop += e =>
        {
            if (_fullStarted.Remove(e.Count, out var started))
            {
                _fullCollections.Add((started, e.TimeStamp.ToUniversalTime()));
            }
        };
        source.Clr.GCRestartEEStop += e =>
        {
            if (!double.IsNaN(_suspendedAt))
            {
                _pauses.Add((_suspendedAtTime, e.TimeStampRelativeMSec - _suspendedAt));
            }

            _suspendedAt = double.NaN;
        };
        source.Clr.ContentionStop += e =>
        {
            if (e.DurationNs > 0)
            {
                var ms = e.DurationNs / 1e6;
                _lockWaits.Add((e.TimeStamp.ToUniversalTime().AddMilliseconds(-ms), ms)); // the event comes at the wait's end
            }
        };
        _reading = Task.Run(source.Process);
    }

    /// <summary>Starts reading the pauses of process <paramref name="pid"/>, or null when its diagnostics port does not answer.</summary>
    public static RuntimeEvents? TryStart(int pid)
    {
        try
        {
            var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.Contention));
            return new RuntimeEvents(new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false));
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
        List<double> pauses = [.. _pauses.Select(p => p.Ms).Order()];
        var total = pauses.Sum();
        return new GcPauseSummary(pauses.Count, _gen2, _blockingGen2, total, seconds > 0 ? total / (seconds * 1000) : 0,
            pauses.Count > 0 ? pauses[pauses.Count / 2] : 0, pauses.Count > 0 ? pauses[^1] : 0, pauses.Count(p => p > 10));
    }

    /// <summary>
    /// After <see cref="StopAsync"/>: the longest pause that overlapped the time between two <see cref="Stopwatch"/>
    /// timestamps of this process (the runtime's events carry the time of day; both processes read the same clock), or null
    /// when none did.
    /// </summary>
    public double? LongestPauseBetween(long from, long to) => LongestBetween(_pauses, from, to);

    /// <summary>
    /// After <see cref="StopAsync"/>: whether a full collection (mostly in the background, beside the process's threads, on
    /// its cores) ran at some time between two <see cref="Stopwatch"/> timestamps of this process.
    /// </summary>
    public bool FullCollectionBetween(long from, long to)
    {
        var (start, end) = (TimeOfDay(from), TimeOfDay(to));
        return _fullCollections.Any(c => c.Start < end && c.End > start) || _fullStarted.Values.Any(s => s < end);
    }

    /// <summary>
    /// After <see cref="StopAsync"/>: the longest wait for a lock that overlapped the time between two
    /// <see cref="Stopwatch"/> timestamps of this process, or null when none did.
    /// </summary>
    public double? LongestLockWaitBetween(long from, long to) => LongestBetween(_lockWaits, from, to);

    /// <summary>The longest of <paramref name="spans"/> that overlapped the time between two <see cref="Stopwatch"/> timestamps, or null.</summary>
    private static double? LongestBetween(List<(DateTime Start, double Ms)> spans, long from, long to)
    {
        var (start, end) = (TimeOfDay(from), TimeOfDay(to));
        var overlapping = spans.Where(s => s.Start < end && s.Start.AddMilliseconds(s.Ms) > start).Select(s => s.Ms).ToList();
        return overlapping.Count == 0 ? null : overlapping.Max();
    }

    private static DateTime TimeOfDay(long stopwatchTicks) => DateTime.UtcNow - Stopwatch.GetElapsedTime(stopwatchTicks);

    public async ValueTask DisposeAsync()
    {
        _session.Dispose();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
