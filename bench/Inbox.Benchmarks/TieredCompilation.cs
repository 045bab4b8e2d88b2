using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// How busy the .NET runtime's tiered compilation thread (".NET Tiered Com" in <c>/proc</c>, Linux only) of some processes was
/// over a phase: it compiles hot methods again, optimized, for some tens of seconds after a load starts, and a target is
/// not in its steady state while it does. Read from each thread's <c>/proc/PID/task/TID/stat</c>, thread by thread: the runtime
/// ends the thread when it has nothing to do and starts another when it has, and a thread that ended takes its count along
/// (what it used in the phase before it ended is missed, so the share can only be under-read, never negative).
/// </summary>
public sealed class TieredCompilation
{
    /// <summary>The thread's name as <c>/proc</c> shows it (cut to 15 characters).</summary>
    public const string ThreadName = ".NET Tiered Com";

    private const int ClockTicksPerSecond = 100; // USER_HZ, as in ProcessCpu

    private readonly IReadOnlyList<string> _processes;
    private readonly Dictionary<string, long> _ticks;
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
        var used = Ticks(_processes).Sum(thread => thread.Value - _ticks.GetValueOrDefault(thread.Key));
        return wall > 0 ? used / (double)ClockTicksPerSecond / wall : 0;
    }

    /// <summary>CPU ticks by thread (its stat file's path) of the tiered compilation threads alive now.</summary>
    private static Dictionary<string, long> Ticks(IReadOnlyList<string> processes)
    {
        var threads = new Dictionary<string, long>(StringComparer.Ordinal);
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
                var stat = Path.Combine(task, "stat");
                if (ThreadTicks(stat) is { } ticks)
                {
                    threads[stat] = ticks;
                }
            }
        }

        return threads;
    }

    /// <summary>The thread's CPU ticks, or null when it is not a tiered compilation thread (or ended meanwhile).</summary>
    private static long? ThreadTicks(string statPath)
    {
        try
        {
            // "tid (name) state ...": the name may hold spaces; utime and stime are the 14th and 15th fields.
            var stat = File.ReadAllText(statPath);
            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || stat[(open + 1)..close] != ThreadName)
            {
                return null;
            }

            var fields = stat[(close + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // the thread ended meanwhile
        }
    }
}
