namespace Inbox.Benchmarks;

/// <summary>
/// The post-to-screen client's phase run without garbage collections in this process: the runtime sets aside
/// <see cref="Bytes"/> up front (<see cref="GC.TryStartNoGCRegion(long)"/>) and collects nothing until they are used.
/// The open-loop client times each message from when it was due, so its own pauses count as Inbox's latency: with its
/// collector running, its sends fell up to 30–45 ms behind a few times a phase, after ten or so collections of 10–30 ms
/// (docs/benchmark-rounds.md, twenty-third round). Ending the region says whether it held to the end (<see cref="Held"/>).
/// </summary>
public sealed class NoCollectionRegion : IDisposable
{
    /// <summary>What one message of the open loop may allocate in this process, with room to spare (about 8 KB measured).</summary>
    public const long BytesPerMessage = 16 * 1024;

    /// <summary>The largest region asked for; the runtime may refuse less, and then half as much is asked, down to <see cref="Smallest"/>.</summary>
    private const long Largest = 4L << 30;

    private const long Smallest = 64L << 20;

    private NoCollectionRegion(long bytes)
    {
        Bytes = bytes;
    }

    /// <summary>The bytes set aside.</summary>
    public long Bytes { get; }

    /// <summary>Whether no collection ran from the start to <see cref="Dispose"/> (known once disposed).</summary>
    public bool Held { get; private set; }

    /// <summary>A region for <paramref name="messages"/> messages, or less when the runtime refuses that much; null when it refuses every size.</summary>
    public static NoCollectionRegion? TryStart(int messages)
    {
        for (var bytes = Math.Min(BytesPerMessage * messages, Largest); bytes >= Smallest; bytes /= 2)
        {
            try
            {
                if (GC.TryStartNoGCRegion(bytes))
                {
                    return new NoCollectionRegion(bytes);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // more than the runtime sets aside at once: ask for half
            }
        }

        return null;
    }

    public void Dispose()
    {
        try
        {
            GC.EndNoGCRegion();
            Held = true;
        }
        catch (InvalidOperationException)
        {
            // a collection ran: the phase allocated more than the region, which then ended
        }
    }
}
