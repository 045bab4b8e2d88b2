namespace Inbox.Connectors.Vk;

/// <summary>
/// At most <c>permits</c> calls in any <c>window</c>: each call is given a start time no earlier than one window after
/// the call <c>permits</c> places before it. Thread-safe; callers wait for their turn in the order they asked.
/// </summary>
public sealed class VkRateLimiter
{
    private readonly Lock _gate = new();
    private readonly DateTimeOffset[] _grants;
    private readonly TimeSpan _window;
    private readonly TimeProvider _clock;
    private int _next;
    private int _count;

    public VkRateLimiter(int permits, TimeSpan window, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _grants = new DateTimeOffset[permits];
        _window = window;
        _clock = clock;
    }

    /// <summary>Books the next slot and returns how long the caller must wait for it (zero when it may go now).</summary>
    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (_gate)
        {
            var start = now;
            if (_count == _grants.Length)
            {
                // _next is the oldest of the last `permits` grants: the new one may start a window after it.
                var earliest = _grants[_next] + _window;
                if (earliest > start)
                {
                    start = earliest;
                }
            }
            else
            {
                _count++;
            }

            _grants[_next] = start;
            _next = (_next + 1) % _grants.Length;
            return start - now;
        }
    }

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve(_clock.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
