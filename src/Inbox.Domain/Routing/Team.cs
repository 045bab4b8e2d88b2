namespace Inbox.Domain.Routing;

/// <summary>
/// A team of operators: its key (a short lowercase name such as <c>orders</c> or <c>fraud-response</c>, what a conversation's
/// <see cref="Conversations.ConversationSnapshot.Team"/> and an SLA policy name), a display name, its skills (the channels and
/// the customers' languages it serves; empty: any), whether its queue is assigned automatically, and its members.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.Team")]
public sealed record Team(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Channels,
    [property: Id(3)] IReadOnlyList<string> Languages,
    [property: Id(4)] bool AutoAssign,
    [property: Id(5)] IReadOnlyList<Guid> Members);
