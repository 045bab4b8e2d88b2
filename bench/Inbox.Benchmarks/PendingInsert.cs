namespace Inbox.Benchmarks;

/// <summary>A message waiting for <see cref="DurableWriter"/>'s next group; <see cref="Committed"/> completes after its COMMIT.</summary>
public sealed record PendingInsert(InboundRequest Request)
{
    public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
