using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// CPU time, read from <c>/proc</c> (Linux only), over one phase: of this process (the baseline server and the SignalR
/// listener), of its finished children (wrk: a child's time is added to its parent's <c>cutime</c>/<c>cstime</c> once it
/// has been waited for), and of the Inbox processes. It shows whether the load generator was the bottleneck.
/// </summary>
public sealed class ProcessCpu
{
    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable without P/Invoke).
    private const int ClockTicksPerSecond = 100;

    private readonly IReadOnlyList<int> _serverPids;
    private readonly (long Own, long Children) _self;
    private readonly long[] _servers;
    private readonly long _started;

    private ProcessCpu(IReadOnlyList<int> serverPids)
    {
        _serverPids = serverPids;
        _self = Ticks("self");
        _servers = serverPids.Select(pid => Ticks(pid.ToString(CultureInfo.InvariantCulture)).Own).ToArray();
        _started = Stopwatch.GetTimestamp();
    }

    public static ProcessCpu Start(IReadOnlyList<int> serverPids) => new(serverPids);

    /// <summary>Cores used since <see cref="Start"/> (CPU seconds per second of wall time).</summary>
    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var self = Ticks("self");
        var servers = 0L;
        for (var i = 0; i < _serverPids.Count; i++)
        {
            servers += Ticks(_serverPids[i].ToString(CultureInfo.InvariantCulture)).Own - _servers[i];
        }

        return new CpuUse(wall, Cores(self.Children - _self.Children, wall), Cores(self.Own - _self.Own, wall), Cores(servers, wall));
    }

    private static double Cores(long ticks, double wall) => wall > 0 ? ticks / (double)ClockTicksPerSecond / wall : 0;

    private static (long Own, long Children) Ticks(string process)
    {
        try
        {
            // utime, stime, cutime, cstime are the 14th to 17th fields; the 2nd (the command) may hold spaces, so count after its ')'.
            var stat = File.ReadAllText($"/proc/{process}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return (Field(11) + Field(12), Field(13) + Field(14));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return (0, 0);
        }
    }
}
