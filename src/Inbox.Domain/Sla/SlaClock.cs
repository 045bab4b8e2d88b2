namespace Inbox.Domain.Sla;

/// <summary>
/// One SLA clock: <see cref="Target"/> of open time of <see cref="Hours"/> from <see cref="StartedAt"/> (a conversation's
/// start, or the customer's first waiting message). It runs only while open, so it pauses at night, on weekends and on
/// holidays. Pure: the due and warning instants are computed, never scheduled here.
/// </summary>
public sealed record SlaClock(DateTimeOffset StartedAt, TimeSpan Target, BusinessHours Hours)
{
    /// <summary>The share of the target after which a clock is at risk: 80%.</summary>
    public const int WarningPercent = 80;

    /// <summary>When the whole target has run: from this instant on, an unstopped clock is breached.</summary>
    public DateTimeOffset DueAt => Hours.AddBusinessTime(StartedAt, Target);

    /// <summary>When 80% of the target has run: from this instant on, an unstopped clock is at risk.</summary>
    public DateTimeOffset WarningAt => Hours.AddBusinessTime(StartedAt, TimeSpan.FromTicks(Target.Ticks * WarningPercent / 100));

    /// <summary>Open time run by <paramref name="at"/>.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset at) => Hours.BusinessTimeBetween(StartedAt, at);

    /// <summary>Open time left at <paramref name="at"/>; negative once breached (how far past the target).</summary>
    public TimeSpan RemainingAt(DateTimeOffset at) => at <= DueAt ? Target - ElapsedAt(at) : -Hours.BusinessTimeBetween(DueAt, at);

    /// <summary>
    /// The state at <paramref name="at"/>, or at <paramref name="stoppedAt"/> when the clock stopped before (the response
    /// was sent, the conversation resolved): a clock stopped at or before its due instant was met.
    /// </summary>
    public SlaState StateAt(DateTimeOffset at, DateTimeOffset? stoppedAt = null)
    {
        if (stoppedAt is { } stopped && stopped <= at)
        {
            return stopped > DueAt ? SlaState.Breached : stopped >= WarningAt ? SlaState.AtRisk : SlaState.Ok;
        }

        return at >= DueAt ? SlaState.Breached : at >= WarningAt ? SlaState.AtRisk : SlaState.Ok;
    }
}
