using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// CPU time, read from <c>/proc</c> (Linux only), over one phase: of this process (the baseline server and the SignalR
/// listener), of its finished children (wrk: a child's time is added to its parent's <c>cutime</c>/<c>cstime</c> once it
/// has been waited for), and of the Inbox processes. It shows whether the load generator was the bottleneck. Also the bytes
/// this process and the Inbox processes wrote to storage (<c>/proc/&lt;pid&gt;/io</c>), per message a figure the machine's
/// other load does not move.
/// </summary>
public sealed class ProcessCpu
{
    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable without P/Invoke).
    private const int ClockTicksPerSecond = 100;

    private readonly IReadOnlyList<int> _serverPids;
    private readonly (long Own, long Children) _self;
    private readonly long[] _servers;
    private readonly long _selfWritten;
    private readonly long[] _serversWritten;
    private readonly long _started;

    private ProcessCpu(IReadOnlyList<int> serverPids)
    {
        _serverPids = serverPids;
        _self = Ticks("self");
        _servers = serverPids.Select(pid => Ticks(pid.ToString(CultureInfo.InvariantCulture)).Own).ToArray();
        _selfWritten = BytesWritten("self");
        _serversWritten = serverPids.Select(pid => BytesWritten(pid.ToString(CultureInfo.InvariantCulture))).ToArray();
        _started = Stopwatch.GetTimestamp();
    }

    public static ProcessCpu Start(IReadOnlyList<int> serverPids) => new(serverPids);

    /// <summary>Cores used since <see cref="Start"/> (CPU seconds per second of wall time).</summary>
    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var self = Ticks("self");
        var servers = 0L;
        var serversWritten = 0L;
        for (var i = 0; i < _serverPids.Count; i++)
        {
            var pid = _serverPids[i].ToString(CultureInfo.InvariantCulture);
            servers += Ticks(pid).Own - _servers[i];
            serversWritten += BytesWritten(pid) - _serversWritten[i];
        }

        return new CpuUse(wall, Cores(self.Children - _self.Children, wall), Cores(self.Own - _self.Own, wall), Cores(servers, wall),
            BytesWritten("self") - _selfWritten, serversWritten);
    }

    private static double Cores(long ticks, double wall) => wall > 0 ? ticks / (double)ClockTicksPerSecond / wall : 0;

    /// <summary>The bytes the process caused to be written to storage (<c>write_bytes</c>), 0 where it cannot be read.</summary>
    private static long BytesWritten(string process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process}/io"))
            {
                if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
                {
                    return long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return 0;
    }

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
