namespace Inbox.Domain.Live;

/// <summary>An operator who has a conversation open in a console, and whether they are typing a reply in it.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.ConversationViewer")]
public sealed record ConversationViewer(
    [property: Id(0)] Guid OperatorId,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Typing);
