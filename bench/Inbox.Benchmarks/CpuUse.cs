namespace Inbox.Benchmarks;

/// <summary>Cores used during a phase of <see cref="WallSeconds"/>: by wrk, by this process (baseline server, listener, open-loop sender) and by the Inbox processes.</summary>
public sealed record CpuUse(double WallSeconds, double WrkCores, double BenchCores, double InboxCores);
