using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// CPU time used by this process and by the Inbox processes given with <c>--pids</c> (read from <c>/proc/PID/stat</c>,
/// so Linux only; a process that cannot be read counts as unknown), to show whether the client was the bottleneck.
/// </summary>
public sealed class ProcessCpu
{
    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK) is not reachable without P/Invoke).
    private const int ClockTicksPerSecond = 100;

    private readonly IReadOnlyList<int> _serverPids;
    private readonly TimeSpan _client;
    private readonly TimeSpan?[] _servers;
    private readonly long _started;

    private ProcessCpu(IReadOnlyList<int> serverPids)
    {
        _serverPids = serverPids;
        _client = ClientTime();
        _servers = serverPids.Select(ServerTime).ToArray();
        _started = Stopwatch.GetTimestamp();
    }

    public static ProcessCpu Start(IReadOnlyList<int> serverPids) => new(serverPids);

    /// <summary>CPU seconds of the client and of each server since <see cref="Start"/>, as one line.</summary>
    public string Describe()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var parts = new List<string> { Used("client", ClientTime() - _client, wall) };
        for (var i = 0; i < _serverPids.Count; i++)
        {
            var now = ServerTime(_serverPids[i]);
            parts.Add(now is { } end && _servers[i] is { } begin
                ? Used(string.Create(CultureInfo.InvariantCulture, $"Inbox pid {_serverPids[i]}"), end - begin, wall)
                : string.Create(CultureInfo.InvariantCulture, $"Inbox pid {_serverPids[i]} unknown"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"CPU over {wall:F1} s wall: ") + string.Join("; ", parts);
    }

    private static string Used(string name, TimeSpan cpu, double wall) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {cpu.TotalSeconds:F1} s ({(wall > 0 ? cpu.TotalSeconds / wall : 0):F2} cores)");

    private static TimeSpan ClientTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static TimeSpan? ServerTime(int pid)
    {
        try
        {
            // utime and stime are the 14th and 15th fields; the 2nd (the command) may hold spaces, so count after its ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
