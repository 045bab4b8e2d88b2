namespace Inbox.Connectors.Http;

/// <summary>
/// At most <c>limit</c> requests reach the provider within any <c>window</c>, as the provider's own clock sees them.
/// A request holds one of <c>limit</c> slots from before it is sent until <c>window</c> after its answer came back
/// (or it failed). The provider receives a request between its send and its answer, so two requests that use the same
/// slot arrive at least <c>window</c> apart, whatever the network or the thread pool delays: any <c>limit + 1</c>
/// arrivals span at least one <c>window</c>. Waiting callers queue; retries spend slots like first attempts.
/// </summary>
public sealed class RequestBudget
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public RequestBudget(int limit, TimeSpan window, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _slots = new SemaphoreSlim(limit, limit);
        _window = window;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Slots free right now.</summary>
    public int Available => _slots.CurrentCount;

    /// <summary>Waits for a slot. Dispose the returned lease when the request's answer (or failure) is in.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Lease(this);
    }

    private void ReleaseAfterWindow()
    {
        ITimer? timer = null;
        timer = _time.CreateTimer(_ =>
        {
            timer?.Dispose();
            _slots.Release();
        }, null, _window, Timeout.InfiniteTimeSpan);
    }

    private sealed class Lease(RequestBudget budget) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.ReleaseAfterWindow();
            }
        }
    }
}
