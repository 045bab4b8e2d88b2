namespace Inbox.Web.Reports;

/// <summary>An open conversation whose SLA target (firstResponse or resolution) is at risk or breached and not met yet.</summary>
public sealed record SlaRiskView(Guid ConversationId, string? Team, Guid? AssigneeId, string Target, bool Breached, DateTimeOffset At, DateTimeOffset? DueAt);
