namespace Inbox.Domain.Conversations;

/// <summary>
/// What an <see cref="MessageKind.Event"/> item on the timeline records: the value of its metadata key <see cref="Key"/>.
/// The reports count these items, so a name, once stored, does not change.
/// </summary>
public static class TimelineActions
{
    /// <summary>The metadata key that names the action.</summary>
    public const string Key = "action";

    /// <summary>An operator took over a conversation a colleague held.</summary>
    public const string TakeOver = "takeOver";

    /// <summary>An operator reassigned a colleague's conversation to a third.</summary>
    public const string Reassign = "reassign";

    /// <summary>An operator put a colleague's conversation back in the queue.</summary>
    public const string Unassign = "unassign";

    /// <summary>An operator resolved a colleague's conversation.</summary>
    public const string Resolve = "resolve";

    /// <summary>Transferred to an operator or to a team, with a note.</summary>
    public const string Transfer = "transfer";

    /// <summary>Routing gave the conversation to an operator.</summary>
    public const string AutoAssign = "autoAssign";

    /// <summary>The assignee did not open an assigned conversation in time: it went back to the queue.</summary>
    public const string AssignmentExpired = "assignmentExpired";

    /// <summary>An SLA target (first response or resolution) reached its warning share (80%).</summary>
    public const string SlaAtRisk = "slaAtRisk";

    /// <summary>An SLA target was missed.</summary>
    public const string SlaBreached = "slaBreached";

    /// <summary>The customer got the automatic out-of-hours answer.</summary>
    public const string OutOfHours = "outOfHours";

    /// <summary>The customer was asked to rate the resolved conversation (1 to 5).</summary>
    public const string CsatRequested = "csatRequested";

    /// <summary>The customer's rating (metadata <c>rating</c>, 1 to 5).</summary>
    public const string CsatRated = "csatRated";
}
