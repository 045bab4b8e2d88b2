namespace Inbox.Domain.Sla;

/// <summary>
/// The names of a conversation's SLA rows (<see cref="SlaClockRecord.Target"/>) and of the <c>target</c> metadata of
/// the timeline's SLA items. Stored: a name, once written, does not change.
/// </summary>
public static class SlaTargets
{
    /// <summary>From entering the queue to the first operator's reply.</summary>
    public const string FirstResponse = "firstResponse";

    /// <summary>From entering the queue to the resolve.</summary>
    public const string Resolution = "resolution";

    /// <summary>Not a clock: the opening the last out-of-hours answer announced (its <see cref="SlaClockRecord.DueAt"/>).</summary>
    public const string OutOfHours = "outOfHours";
}
