namespace Inbox.Domain.Sla;

/// <summary>
/// An open conversation (queued or assigned, not merged away) whose SLA target (firstResponse or resolution) is at risk or
/// breached and not met yet: its clock recorded the warning or the breach and still runs.
/// </summary>
/// <param name="At">The moment reached: the due time once breached, else the warning time.</param>
public sealed record SlaRisk(Guid ConversationId, string? Team, Guid? AssigneeId, string Target, bool Breached, DateTimeOffset At, DateTimeOffset DueAt);
