namespace Inbox.Connectors.Email.Tests.Infrastructure;

/// <summary>
/// A clock whose long timers (a minute or more: the IDLE renewal) fire only when the test calls <see cref="FireLongTimers"/>,
/// which also moves the clock on by that much; shorter timers (reconnect pauses, polling) run on real time. So a test can make
/// "nine minutes pass" at once, without waiting and without depending on timing.
/// </summary>
public sealed class ManualLongTimers : TimeProvider
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    private readonly List<LongTimer> _timers = [];
    private long _offsetTicks;

    public Signal Changed { get; } = new();

    public int Armed
    {
        get
        {
            lock (_timers)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < Long || dueTime == Timeout.InfiniteTimeSpan)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new LongTimer(this, callback, state, dueTime);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        Changed.Pulse();
        return timer;
    }

    /// <summary>Fires every armed long timer once, as if its time had come.</summary>
    public void FireLongTimers()
    {
        List<LongTimer> due;
        lock (_timers)
        {
            due = [.. _timers.Where(t => t.Due is not null)];
        }

        if (due.Count == 0)
        {
            return;
        }

        Interlocked.Add(ref _offsetTicks, due.Max(t => t.Due!.Value).Ticks);
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private void Remove(LongTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class LongTimer(ManualLongTimers owner, TimerCallback callback, object? state, TimeSpan due) : ITimer
    {
        public TimeSpan? Due { get; private set; } = due;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : dueTime;
            return true;
        }

        public void Fire()
        {
            Due = null;
            callback(state);
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
