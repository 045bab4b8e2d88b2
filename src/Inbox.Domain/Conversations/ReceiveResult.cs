namespace Inbox.Domain.Conversations;

/// <summary>The stored message, and whether it had been stored before (a retried delivery).</summary>
[GenerateSerializer, Immutable, Alias("Inbox.ReceiveResult")]
public sealed record ReceiveResult([property: Id(0)] TimelineMessage Message, [property: Id(1)] bool Duplicate);
