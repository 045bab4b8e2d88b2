namespace Inbox.Domain.Conversations;

/// <summary>One item on a customer's timeline.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.TimelineMessage")]
public sealed record TimelineMessage(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] MessageKind Kind,
    [property: Id(4)] string Channel,
    [property: Id(5)] string? Identity,
    [property: Id(6)] string? ExternalId,
    [property: Id(7)] string Text,
    [property: Id(8)] Guid? OperatorId,
    [property: Id(9)] string? AuthorName,
    [property: Id(10)] DeliveryState? Delivery,
    [property: Id(11)] string? DeliveryError,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset UpdatedAt,
    [property: Id(14)] IReadOnlyList<AttachmentInfo>? Attachments = null,
    [property: Id(15)] DateTimeOffset? EditedAt = null,
    [property: Id(16)] Calls.CallInfo? Call = null,
    [property: Id(17)] IReadOnlyDictionary<string, string>? Metadata = null,
    [property: Id(18)] bool Automated = false,
    [property: Id(19)] BotDecisionInfo? BotDecision = null);
