namespace Inbox.Benchmarks;

/// <summary>
/// The garbage collector's pauses in a phase (<see cref="RuntimeEvents"/>): how many collections (of which full ones, and of
/// those the ones that stopped the process throughout instead of running in the background), their pauses summed, the
/// share of the phase's time they took, the median and the longest, and how many took over 10 ms.
/// </summary>
public sealed record GcPauseSummary(int Collections, int Gen2, int BlockingGen2, double TotalMs, double ShareOfTime, double MedianMs, double MaxMs, int Over10Ms);
