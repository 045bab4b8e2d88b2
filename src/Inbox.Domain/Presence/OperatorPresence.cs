namespace Inbox.Domain.Presence;

/// <summary>An operator's presence: the state, since when, and how many consoles they have connected now on any node.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.OperatorPresence")]
public sealed record OperatorPresence(
    [property: Id(0)] Guid OperatorId,
    [property: Id(1)] PresenceState State,
    [property: Id(2)] DateTimeOffset? Since,
    [property: Id(3)] int Connections);
