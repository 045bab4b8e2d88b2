namespace Inbox.Domain.Storage;

/// <summary>The conversations waiting in the queue with one handoff priority.</summary>
/// <param name="Priority">The handoff's priority (<c>queue_priority</c>): 0 in turn, 1 fraud, 2 a possible victim.</param>
/// <param name="Count">How many wait with it.</param>
/// <param name="CountWithEntryTime">How many of those recorded when they entered the queue (the others were queued before teams existed).</param>
public sealed record QueuedGroup(int Priority, int Count, int CountWithEntryTime);
