namespace Inbox.Silo.Grains;

/// <summary>
/// A grain asked for once in a while (a customer attached to a node's list of known senders, or asked for its card): it
/// leaves memory about <see cref="Linger"/> after it was first asked to (<see cref="LeaveSoon"/>), not at once. A call
/// queued on an activation that deactivates is forwarded to a new activation; when each new activation deactivated at
/// its first call, a burst of calls (several messages from one sender at once) was forwarded again and again, and Orleans
/// rejects a call forwarded more than twice.
/// </summary>
public abstract class ShortLivedGrain : Grain
{
    /// <summary>How long an activation stays after <see cref="LeaveSoon"/> (it serves every call meanwhile).</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(200);

    private IGrainTimer? _leave;

    /// <summary>Deactivates this activation once it is idle, <see cref="Linger"/> from the first time this is asked.</summary>
    protected void LeaveSoon() =>
        _leave ??= this.RegisterGrainTimer(() =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(Linger, Timeout.InfiniteTimeSpan));
}
