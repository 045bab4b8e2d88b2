namespace Inbox.Orders.RetailCrm;

/// <summary>
/// A strict sliding-window budget: at most <c>limit</c> requests start within any <c>window</c>. Each caller reserves a start
/// time (now, or just after the oldest of the last <c>limit</c> starts leaves the window) and waits until then, so concurrent
/// callers queue fairly and the budget is never exceeded, retries included.
/// </summary>
public sealed class RequestBudget
{
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly Queue<DateTimeOffset> _starts = new();
    private readonly Lock _gate = new();

    public RequestBudget(int limit, TimeSpan window, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limit = limit;
        _window = window;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Reserves the next start and returns how long to wait before it (zero when the budget has room now).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var start = now;
            if (_starts.Count >= _limit)
            {
                var oldest = _starts.Dequeue();
                var earliest = oldest + _window;
                if (earliest > start)
                {
                    start = earliest;
                }
            }

            _starts.Enqueue(start);
            return start - now;
        }
    }

    /// <summary>Waits for the next slot.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var delay = Reserve();
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, cancellationToken);
    }
}
