namespace Inbox.Benchmarks;

/// <summary>
/// The figures of one measured phase. <see cref="Failed"/> are requests that got no answer at all (timeouts, refused
/// connections); <see cref="StatusCounts"/> counts every answer that was not 200 by status code. The live-event figures
/// are set only for the Inbox phase.
/// </summary>
public sealed record PhaseResult(
    string Name,
    int Messages,
    int Ok,
    int Non200,
    int Failed,
    int Duplicates,
    TimeSpan Elapsed,
    LatencySummary Post,
    IReadOnlyDictionary<int, int> StatusCounts,
    string? FirstError)
{
    /// <summary>Messages answered 200 per second of the phase (from the first POST to the last answer).</summary>
    public double Throughput => Elapsed > TimeSpan.Zero ? Ok / Elapsed.TotalSeconds : 0;

    public LatencySummary? PostToScreen { get; init; }

    /// <summary>How late this process handed each message to the HTTP client (in an open loop, part of every latency).</summary>
    public LatencySummary? SenderLag { get; init; }

    public int? MissingEvents { get; init; }

    public int RepeatedEvents { get; init; }

    public int EventsWithoutAcceptance { get; init; }

    public TimeSpan EventWait { get; init; }
}
