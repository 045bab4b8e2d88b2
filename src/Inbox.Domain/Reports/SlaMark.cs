namespace Inbox.Domain.Reports;

/// <summary>An SLA item on an episode's timeline: a target (firstResponse or resolution) at risk or breached, and when.</summary>
public sealed record SlaMark(string Target, bool Breached, DateTimeOffset At, DateTimeOffset? DueAt);
