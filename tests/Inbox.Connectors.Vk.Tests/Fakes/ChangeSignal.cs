namespace Inbox.Connectors.Vk.Tests.Fakes;

/// <summary>Lets a test wait, bounded, until a condition on recorded state holds; recorders pulse it on every change.</summary>
public sealed class ChangeSignal
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Pulse()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            try
            {
                await next.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
        }
    }
}
