namespace Inbox.Domain.Storage;

/// <summary>An outbound message waiting for (another) delivery attempt; <see cref="Choices"/>: buttons for the channels that show them.</summary>
public sealed record OutboxEntry(
    Guid MessageId,
    Guid ConversationId,
    string Channel,
    string Recipient,
    string Text,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<Conversations.AttachmentInfo>? Attachments = null,
    bool Automated = false,
    IReadOnlyList<Conversations.ReplyChoice>? Choices = null);
