using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// The messages of one phase: message <c>i</c> has the id <c>{prefix}{i}</c>. Remembers when each POST started,
/// whether it was answered 200, and when its live event reached the SignalR client (the first time only).
/// </summary>
public sealed class MessageTracker : ILiveEventSink
{
    private readonly string _prefix;
    private readonly long[] _posted;
    private readonly long[] _screened;
    private readonly bool[] _accepted;
    private int _screenedCount;
    private int _repeatedEvents;

    public MessageTracker(string prefix, int count)
    {
        _prefix = prefix;
        _posted = new long[count];
        _screened = new long[count];
        _accepted = new bool[count];
    }

    public int Count => _posted.Length;

    /// <summary>How many messages have had their live event.</summary>
    public int ScreenedCount => Volatile.Read(ref _screenedCount);

    /// <summary>Live events that came again for a message that already had one.</summary>
    public int RepeatedEvents => Volatile.Read(ref _repeatedEvents);

    public string MessageId(int index) => string.Concat(_prefix, index.ToString(CultureInfo.InvariantCulture));

    public void MarkPosted(int index, long timestamp) => Volatile.Write(ref _posted[index], timestamp);

    public void MarkAccepted(int index) => Volatile.Write(ref _accepted[index], true);

    public void OnInboundEvent(string externalId, long arrivedTimestamp) => TryMarkScreened(externalId, arrivedTimestamp);

    /// <summary>Records the arrival of the live event of <paramref name="externalId"/> if it is one of this phase's messages.</summary>
    public bool TryMarkScreened(string externalId, long timestamp)
    {
        if (!externalId.StartsWith(_prefix, StringComparison.Ordinal)
            || !int.TryParse(externalId.AsSpan(_prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || index < 0 || index >= _screened.Length)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _screened[index], timestamp, 0) == 0)
        {
            Interlocked.Increment(ref _screenedCount);
        }
        else
        {
            Interlocked.Increment(ref _repeatedEvents);
        }

        return true;
    }

    /// <summary>Messages answered 200 whose live event has not (yet) arrived.</summary>
    public int MissingEvents()
    {
        var missing = 0;
        for (var i = 0; i < _accepted.Length; i++)
        {
            if (Volatile.Read(ref _accepted[i]) && Volatile.Read(ref _screened[i]) == 0)
            {
                missing++;
            }
        }

        return missing;
    }

    /// <summary>Live events of messages whose POST was not answered 200 (a timeout after the store, for instance).</summary>
    public int EventsWithoutAcceptance()
    {
        var count = 0;
        for (var i = 0; i < _accepted.Length; i++)
        {
            if (!Volatile.Read(ref _accepted[i]) && Volatile.Read(ref _screened[i]) != 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// From just before the POST to the arrival of the live event, of each accepted message whose event arrived, from
    /// message <paramref name="from"/> on (the ones before are a warm-up).
    /// </summary>
    public LatencySummary PostToScreen(int from = 0)
    {
        var latencies = new List<long>(_posted.Length);
        for (var i = from; i < _posted.Length; i++)
        {
            var screened = Volatile.Read(ref _screened[i]);
            var posted = Volatile.Read(ref _posted[i]);
            if (Volatile.Read(ref _accepted[i]) && screened != 0 && posted != 0)
            {
                latencies.Add(screened - posted);
            }
        }

        return LatencySummary.From(latencies);
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, until every accepted message has had its live event; returns how many have not.</summary>
    public async Task<int> WaitForEventsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var missing = MissingEvents();
        while (missing > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
            missing = MissingEvents();
        }

        return missing;
    }
}
