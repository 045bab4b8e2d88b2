namespace Inbox.Web.Reports;

/// <summary>A team's queue now (<see cref="Team"/> null: conversations with no team): how many wait, since when the oldest.</summary>
public sealed record TeamQueueView(string? Team, int Queued, DateTimeOffset? OldestQueuedAt, double? OldestWaitSeconds);
