namespace Inbox.Benchmarks;

/// <summary>What <c>bench/wrk/inbound.lua</c>'s <c>done()</c> prints after <c>WRK_RESULT</c>: counts, and latencies in microseconds.</summary>
public sealed record WrkSummary(
    long Requests,
    long DurationUs,
    long ConnectErrors,
    long ReadErrors,
    long WriteErrors,
    long Non2xx,
    long Timeouts,
    long P50Us,
    long P90Us,
    long P99Us,
    long MaxUs,
    int Threads)
{
    /// <summary>Answers that were 2xx: wrk counts every answer in <see cref="Requests"/> and the others in <see cref="Non2xx"/>.</summary>
    public long Ok => Requests - Non2xx;

    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors + Timeouts;

    public double Throughput => DurationUs > 0 ? Ok / (DurationUs / 1e6) : 0;
}
