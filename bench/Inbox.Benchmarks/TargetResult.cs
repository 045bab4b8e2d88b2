namespace Inbox.Benchmarks;

/// <summary>
/// One measured wrk run: a customer mix ("known" or "new") against a target ("bare", "grain", "durable", "indexed", "inbox") in one
/// round (1 to <see cref="BenchOptions.Rounds"/>: each round measures every target of the mix once, in turn), with the CPU
/// each side used and, for Inbox, how many of the 2xx-answered messages' live events reached the listener.
/// </summary>
public sealed record TargetResult(string Mix, string Target, WrkSummary Wrk, CpuUse Cpu, int? LiveEvents, long? MissingEvents, int? RepeatedEvents,
    int Round = 1);
