using System.Diagnostics;
using System.Globalization;

namespace Inbox.Benchmarks;

/// <summary>
/// The messages of one phase: message <c>i</c> has the id <c>{prefix}{i}</c>. Remembers when each POST started (when
/// it was due, in an open loop) and how late this process handed it to the HTTP client, whether it was answered 200, and
/// when its live event reached the SignalR client (the first time only).
/// </summary>
public sealed class MessageTracker : ILiveEventSink
{
    private readonly string _prefix;
    private readonly long[] _posted;
    private readonly long[] _sendLags;
    private readonly long[] _screened;
    private readonly bool[] _accepted;
    private int _screenedCount;
    private int _repeatedEvents;

    public MessageTracker(string prefix, int count)
    {
        _prefix = prefix;
        _posted = new long[count];
        _sendLags = new long[count];
        _screened = new long[count];
        _accepted = new bool[count];
    }

    public int Count => _posted.Length;

    /// <summary>How many messages have had their live event.</summary>
    public int ScreenedCount => Volatile.Read(ref _screenedCount);

    /// <summary>Live events that came again for a message that already had one.</summary>
    public int RepeatedEvents => Volatile.Read(ref _repeatedEvents);

    public string MessageId(int index) => string.Concat(_prefix, index.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Message <paramref name="index"/>'s POST started at <paramref name="timestamp"/> (when it was due, in an open loop) and
    /// was handed to the HTTP client at <paramref name="handedOver"/>: the difference is the sender's own lag.
    /// </summary>
    public void MarkPosted(int index, long timestamp, long handedOver)
    {
        Volatile.Write(ref _sendLags[index], handedOver - timestamp);
        Volatile.Write(ref _posted[index], timestamp);
    }

    /// <summary>How late this process handed each message from <paramref name="from"/> on to the HTTP client.</summary>
    public LatencySummary SenderLag(int from = 0) => LatencySummary.From(_sendLags[Math.Min(from, _sendLags.Length)..]);

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

    /// <summary>
    /// The slowest spells of the messages from <paramref name="from"/> on (<see cref="SlowSpell"/>), by their slowest
    /// message, at most <paramref name="count"/>; <paramref name="runtime"/> (null when its events were not read) gives
    /// the longest garbage collection pause between two <see cref="Stopwatch"/> timestamps, or null, whether a full
    /// collection ran then, and the longest lock wait.
    /// </summary>
    public IReadOnlyList<SlowSpell> SlowSpells(int from, double p99Ms, int count, RuntimeEvents? runtime)
    {
        if (from >= _posted.Length || Volatile.Read(ref _posted[from]) == 0)
        {
            return [];
        }

        var origin = Volatile.Read(ref _posted[from]);
        var window = Stopwatch.Frequency / 10;
        var threshold = (long)(p99Ms * Stopwatch.Frequency / 1000);
        // window number -> its slowest message, how many over the p99, and the sender's longest lag among those
        var slowest = new SortedDictionary<long, (long Max, int Over, long Lag)>();
        for (var i = from; i < _posted.Length; i++)
        {
            var screened = Volatile.Read(ref _screened[i]);
            var posted = Volatile.Read(ref _posted[i]);
            if (!Volatile.Read(ref _accepted[i]) || screened == 0 || posted == 0 || screened - posted <= threshold)
            {
                continue;
            }

            var number = (posted - origin) / window;
            var (max, over, lag) = slowest.GetValueOrDefault(number);
            slowest[number] = (Math.Max(max, screened - posted), over + 1, Math.Max(lag, Volatile.Read(ref _sendLags[i])));
        }

        var spells = new List<SlowSpell>();
        long? first = null;
        long last = 0, spellMax = 0, spellLag = 0;
        var spellOver = 0;
        void Close()
        {
            if (first is { } start)
            {
                var (since, until) = (origin + (start * window) - Stopwatch.Frequency, origin + ((last + 1) * window) + spellMax);
                spells.Add(new SlowSpell(start / 10.0, (last - start + 1) / 10.0, spellMax * 1000.0 / Stopwatch.Frequency, spellOver,
                    spellLag * 1000.0 / Stopwatch.Frequency, runtime?.LongestPauseBetween(since, until), runtime?.FullCollectionBetween(since, until),
                    runtime?.LongestLockWaitBetween(since, until), DateTime.UtcNow - Stopwatch.GetElapsedTime(origin + (start * window))));
            }
        }

        foreach (var (number, (max, over, lag)) in slowest)
        {
            if (first is null || number != last + 1)
            {
                Close();
                (first, spellMax, spellOver, spellLag) = (number, 0, 0, 0);
            }

            (last, spellMax, spellOver, spellLag) = (number, Math.Max(spellMax, max), spellOver + over, Math.Max(spellLag, lag));
        }

        Close();
        return [.. spells.OrderByDescending(s => s.MaxMs).Take(count)];
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
