namespace Inbox.Benchmarks;

/// <summary>
/// Cores used during a phase of <see cref="WallSeconds"/>: by wrk, by this process (baseline server, listener, open-loop
/// sender) and by the Inbox processes; and the bytes this process and the Inbox processes wrote to storage meanwhile
/// (<c>write_bytes</c> of <c>/proc/&lt;pid&gt;/io</c>: the durable reference's log and file, Inbox's log and the copy into its
/// file), which do not depend on how busy the machine is.
/// </summary>
public sealed record CpuUse(double WallSeconds, double WrkCores, double BenchCores, double InboxCores, long BenchBytesWritten = 0, long InboxBytesWritten = 0);
