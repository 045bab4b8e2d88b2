using System.Diagnostics;

namespace Inbox.Benchmarks;

/// <summary>Percentiles (nearest rank) of a set of latencies, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static readonly LatencySummary Empty = new(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>Summarises <paramref name="ticks"/>, in <see cref="Stopwatch"/> ticks.</summary>
    public static LatencySummary From(IReadOnlyCollection<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return Empty;
        }

        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Milliseconds(Rank(sorted, 0.50)),
            Milliseconds(Rank(sorted, 0.90)),
            Milliseconds(Rank(sorted, 0.99)),
            Milliseconds(sorted[^1]),
            sorted.Average(t => (double)t) * 1000.0 / Stopwatch.Frequency);
    }

    private static long Rank(long[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
