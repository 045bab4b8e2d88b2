namespace Inbox.Connectors.Telephony.Tests.Infrastructure;

/// <summary>
/// An in-memory <see cref="ICallEventSink"/> that behaves like the host's: idempotent on (Provider, CallKey, LegId, Kind,
/// Seq), a lower Seq of a leg than already seen is dropped, and a session only moves forward (Ringing → Answered → Ended;
/// several legs may ring). It records every call, and can be told to fail.
/// </summary>
public sealed class RecordingCallEventSink : ICallEventSink
{
    private readonly Lock _lock = new();
    private readonly List<CallEvent> _received = [];
    private readonly List<CallEvent> _applied = [];
    private readonly HashSet<(string, string, string?, CallEventKind, long?)> _seen = [];
    private readonly Dictionary<(string, string), CallEventKind> _sessions = [];
    private readonly Dictionary<(string, string, string), long> _legSeq = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;

    /// <summary>Every event handed in, applied or not, in order.</summary>
    public IReadOnlyList<CallEvent> Received
    {
        get
        {
            lock (_lock)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>The events that changed a session.</summary>
    public IReadOnlyList<CallEvent> Applied
    {
        get
        {
            lock (_lock)
            {
                return _applied.ToList();
            }
        }
    }

    /// <summary>The next <paramref name="count"/> calls throw, as a store that is down would.</summary>
    public void FailNext(int count)
    {
        lock (_lock)
        {
            _failures = count;
        }
    }

    public Task<CallEventResult> RecordAsync(CallEvent callEvent, CancellationToken cancellationToken)
    {
        TaskCompletionSource changed;
        bool applied;
        lock (_lock)
        {
            if (_failures > 0)
            {
                _failures--;
                throw new InvalidOperationException("The call store is down.");
            }

            _received.Add(callEvent);
            applied = Apply(callEvent);
            if (applied)
            {
                _applied.Add(callEvent);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return Task.FromResult(new CallEventResult(applied, null));
    }

    /// <summary>Waits (at most 30 s) until the received events satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<CallEvent>> WaitForAsync(Func<IReadOnlyList<CallEvent>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_received))
                {
                    return _received.ToList();
                }

                changed = _changed.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited 30 s for {what}; received: {string.Join("; ", Received.Select(Describe))}");
            }

            try
            {
                await changed.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // checked once more above, then reported
            }
        }
    }

    public static string Describe(CallEvent e) =>
        $"{e.Provider}/{e.CallKey}/{e.LegId} {e.Kind} agent={e.AgentExtension} caller={e.CallerRaw} reason={e.Reason} talk={e.TalkSeconds}";

    private bool Apply(CallEvent e)
    {
        if (!_seen.Add((e.Provider, e.CallKey, e.LegId, e.Kind, e.Seq)))
        {
            return false;
        }

        if (e.Seq is { } seq && e.LegId is { } leg)
        {
            if (_legSeq.TryGetValue((e.Provider, e.CallKey, leg), out var last) && seq < last)
            {
                return false;
            }

            _legSeq[(e.Provider, e.CallKey, leg)] = seq;
        }

        var session = (e.Provider, e.CallKey);
        if (_sessions.TryGetValue(session, out var current))
        {
            if (e.Kind < current || (e.Kind == current && e.Kind != CallEventKind.Ringing))
            {
                return false;
            }
        }

        _sessions[session] = e.Kind;
        return true;
    }
}
