using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// How busy the .NET runtime's tiered compilation thread (".NET Tiered Com" in <c>/proc</c>, Linux only) of some processes was
/// over a phase: it compiles hot methods again, optimized, for some tens of seconds after a load starts, and a target is
/// not in its steady state while it does. Read from each thread's <c>/proc/PID/task/TID/stat</c>.
/// </summary>
public sealed class TieredCompilation
{
    /// <summary>The thread's name as <c>/proc</c> shows it (cut to 15 characters).</summary>
    public const string ThreadName = ".NET Tiered Com";

    private const int ClockTicksPerSecond = 100; // USER_HZ, as in ProcessCpu

    private readonly IReadOnlyList<string> _processes;
    private readonly long _ticks;
    private readonly long _started;

    private TieredCompilation(IReadOnlyList<string> processes)
    {
        _processes = processes;
        _ticks = Ticks(processes);
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>Starts counting for the processes named by pid, or "self".</summary>
    public static TieredCompilation Start(IReadOnlyList<string> processes) => new(processes);

    /// <summary>The share of one core the threads used since <see cref="Start"/>, summed over the processes (0.05 is 5%).</summary>
    public double Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        return wall > 0 ? (Ticks(_processes) - _ticks) / (double)ClockTicksPerSecond / wall : 0;
    }

    private static long Ticks(IReadOnlyList<string> processes)
    {
        long total = 0;
        foreach (var process in processes)
        {
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{process}/task");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var task in tasks)
            {
                total += ThreadTicks(Path.Combine(task, "stat"));
            }
        }

        return total;
    }

    private static long ThreadTicks(string statPath)
    {
        try
        {
            // "tid (name) state ...": the name may hold spaces; utime and stime are the 14th and 15th fields.
            var stat = File.ReadAllText(statPath);
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || stat[(open + 1)..close] != ThreadName)
            {
                return 0;
            }

            var fields = stat[(close + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0; // the thread ended meanwhile
        }
    }
}
