namespace Inbox.Benchmarks;

/// <summary>
/// One measured wrk run: a customer mix ("known" or "new") against a target ("bare", "grain", "durable", "inbox"), with
/// the CPU each side used and, for Inbox, how many of the 2xx-answered messages' live events reached the listener.
/// </summary>
public sealed record TargetResult(string Mix, string Target, WrkSummary Wrk, CpuUse Cpu, int? LiveEvents, long? MissingEvents, int? RepeatedEvents);
