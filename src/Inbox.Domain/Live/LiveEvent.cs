using Inbox.Domain.Conversations;

namespace Inbox.Domain.Live;

/// <summary>
/// Something that happened in one conversation. <see cref="Sequence"/> counts the conversation's events from 1
/// without gaps, so a console that sees 7 after 5 knows that it missed 6 and asks for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.LiveEvent")]
public sealed record LiveEvent(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset OccurredAt,
    [property: Id(4)] ConversationSnapshot Conversation,
    [property: Id(5)] TimelineMessage? Message);
