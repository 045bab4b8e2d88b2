namespace Inbox.Benchmarks;

/// <summary>
/// What a run measured: the bare Kestrel baseline, the minimal durable path on the run's store (when one was given),
/// the Inbox phase, and the CPU the client and the Inbox processes used during the Inbox phase.
/// </summary>
public sealed record ReportPhases(PhaseResult Baseline, PhaseResult? Durable, PhaseResult Inbox, string InboxPhaseCpu);
