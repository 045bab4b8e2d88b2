namespace Inbox.Domain.Conversations;

/// <summary>An inbound message on its way into a conversation, after identity resolution.</summary>
[GenerateSerializer, Immutable, Alias("Inbox.IncomingMessage")]
public sealed record IncomingMessage(
    [property: Id(0)] string Channel,
    [property: Id(1)] string ExternalId,
    [property: Id(2)] string FromIdentity,
    [property: Id(3)] string? SenderName,
    [property: Id(4)] string Text,
    [property: Id(5)] DateTimeOffset SentAt,
    [property: Id(6)] IReadOnlyList<AttachmentInfo>? Attachments = null,
    [property: Id(7)] IReadOnlyDictionary<string, string>? Metadata = null,
    [property: Id(8)] bool Automated = false,
    [property: Id(9)] string? CheckpointKey = null,
    [property: Id(10)] string? CheckpointValue = null,
    [property: Id(11)] bool ClaimsSender = false);
