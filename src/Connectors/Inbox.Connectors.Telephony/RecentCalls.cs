namespace Inbox.Connectors.Telephony;

/// <summary>
/// A small in-process memory of calls in progress, keyed by the PBX's call id, so that an adapter can tell "hung up after
/// an answer" from "hung up while ringing" when the provider does not say. Bounded: entries older than
/// <see cref="MaxAge"/> are forgotten, and at most <see cref="MaxCalls"/> are kept (the oldest go first). Thread-safe.
/// </summary>
internal sealed class RecentCalls<TState>(TimeProvider clock, Func<TState> create)
    where TState : class
{
    public const int MaxCalls = 10_000;

    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);

    private readonly Dictionary<string, (TState State, DateTimeOffset Seen)> _calls = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Runs <paramref name="use"/> on the call's state (created when new) under the lock, and returns what it returns.</summary>
    public TResult With<TResult>(string callKey, Func<TState, TResult> use)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (!_calls.TryGetValue(callKey, out var entry) || now - entry.Seen > MaxAge)
            {
                Prune(now);
                entry = (create(), now);
            }

            _calls[callKey] = (entry.State, now);
            return use(entry.State);
        }
    }

    /// <summary>Runs <paramref name="use"/> on the call's state if the call is remembered; otherwise returns <paramref name="unknown"/>.</summary>
    public TResult IfKnown<TResult>(string callKey, Func<TState, TResult> use, TResult unknown)
    {
        lock (_lock)
        {
            if (_calls.TryGetValue(callKey, out var entry) && clock.GetUtcNow() - entry.Seen <= MaxAge)
            {
                return use(entry.State);
            }

            return unknown;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_calls.Count < MaxCalls)
        {
            return;
        }

        foreach (var stale in _calls.Where(c => now - c.Value.Seen > MaxAge).Select(c => c.Key).ToList())
        {
            _calls.Remove(stale);
        }

        var excess = _calls.Count - MaxCalls + 1;
        if (excess > 0)
        {
            foreach (var oldest in _calls.OrderBy(c => c.Value.Seen).Take(excess).Select(c => c.Key).ToList())
            {
                _calls.Remove(oldest);
            }
        }
    }
}
