namespace Inbox.Domain.Storage;

/// <summary>The conversations waiting in the queue with one team (as the store spells it; null: no team).</summary>
/// <param name="Queued">How many wait (merged-away conversations not counted).</param>
/// <param name="OldestQueuedAt">When the longest-waiting one entered the queue (its last activity when it has no entry time).</param>
public sealed record QueuedTeam(string? Team, int Queued, DateTimeOffset OldestQueuedAt);
