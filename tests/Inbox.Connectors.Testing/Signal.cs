namespace Inbox.Connectors.Testing;

/// <summary>Wakes waiters whenever something changed, so tests wait for a condition rather than for a time (bounded by 30 s).</summary>
public sealed class Signal
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Pulse"/>; take it before looking at the state, then wait on it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Completes when the condition holds; throws <see cref="TimeoutException"/> after <paramref name="within"/> (default <see cref="MaxWait"/>).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string? what = null, TimeSpan? within = null)
    {
        var limit = within ?? MaxWait;
        var deadline = DateTimeOffset.UtcNow + limit;
        while (true)
        {
            var next = Next;
            if (condition())
            {
                return;
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds} s for {what ?? "a condition"} in vain.");
            }

            try
            {
                await next.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                // checked once more above
            }
        }
    }
}
