namespace Inbox.Domain.Work;

/// <summary>What a node that subscribes to work signals can do.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.WorkCapabilities")]
public sealed record WorkCapabilities(
    [property: Id(0)] bool RunsBot,
    [property: Id(1)] bool DeliversOutbox);
