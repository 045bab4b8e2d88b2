namespace Inbox.Benchmarks;

/// <summary>
/// Everything one run measured, written as JSON (<c>--json</c>) and read back as the reference (<c>--reference</c>).
/// <see cref="Ratios"/> are Inbox's throughput over each reference's, keyed "<c>mix: Inbox / target</c>".
/// </summary>
public sealed record BenchResults(
    DateTimeOffset Date,
    int Cores,
    string LoadAverageAtStart,
    string Store,
    string Wrk,
    IReadOnlyList<TargetResult> Targets,
    IReadOnlyDictionary<string, double> Ratios,
    IReadOnlyList<LatencyResult> Latency,
    MemoryResult? Memory,
    double? ReadyColdMs,
    double? ReadyWarmMs,
    IReadOnlyList<string> Failures);
