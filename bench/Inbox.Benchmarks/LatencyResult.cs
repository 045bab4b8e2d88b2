namespace Inbox.Benchmarks;

/// <summary>
/// The open-loop phase of a customer mix at half the Inbox rate just measured: POST round trip and post to screen (from
/// the moment each message was due until its live event reached the listener), in milliseconds; and Inbox's garbage
/// collection pauses during the whole phase, its warm-up included (null when Inbox's process was not given or did not answer);
/// the slowest spells of the measured part (<see cref="SlowSpell"/>); and how long the benchmark's own collector paused in
/// the phase (<see cref="NoCollectionRegion"/>: none, unless the phase outgrew the memory set aside).
/// </summary>
public sealed record LatencyResult(
    string Mix,
    double TargetPerSecond,
    double SentPerSecond,
    int Messages,
    int Ok,
    int NotOk,
    double PostP50,
    double PostP99,
    double ScreenP50,
    double ScreenP99,
    double ScreenMax,
    int MissingEvents,
    GcPauseSummary? Gc = null,
    IReadOnlyList<SlowSpell>? SlowSpells = null)
{
    /// <summary>Milliseconds this process's collector paused in the phase, warm-up included (null in results from before 7 December 2026).</summary>
    public double? ClientPausedMs { get; init; }
}
