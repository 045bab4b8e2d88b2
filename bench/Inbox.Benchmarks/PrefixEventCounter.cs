using System.Collections.Concurrent;

namespace Inbox.Benchmarks;

/// <summary>
/// Counts the distinct messages whose live event arrived among those whose id starts with a phase's prefix: wrk does not
/// say which ids it sent, so a wrk phase's live events are checked by count against its 2xx answers.
/// </summary>
public sealed class PrefixEventCounter(string prefix) : ILiveEventSink
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private int _repeated;

    public int Distinct => _seen.Count;

    public int Repeated => Volatile.Read(ref _repeated);

    public void OnInboundEvent(string externalId, long arrivedTimestamp)
    {
        if (externalId.StartsWith(prefix, StringComparison.Ordinal) && !_seen.TryAdd(externalId, 0))
        {
            Interlocked.Increment(ref _repeated);
        }
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, until at least <paramref name="expected"/> distinct events arrived; returns how many did.</summary>
    public async Task<int> WaitForAsync(long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (Distinct < expected && !deadline.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Distinct;
    }
}
