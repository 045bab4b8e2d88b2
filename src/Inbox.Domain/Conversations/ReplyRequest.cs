namespace Inbox.Domain.Conversations;

/// <summary>
/// An operator's (or the bot's) reply. Without <see cref="Identity"/>, it goes to the identity the customer last wrote from.
/// <see cref="By"/> is the operator, with their right to answer in a colleague's conversation (without it, no such check).
/// <see cref="Choices"/> are buttons the customer may press instead of typing (the customer satisfaction request's 1 to 5).
/// <see cref="IdempotencyKey"/>: the operator's client-made key; a repeat of the same reply under it returns the first.
/// </summary>
[GenerateSerializer, Immutable, Alias("Inbox.ReplyRequest")]
public sealed record ReplyRequest(
    [property: Id(0)] Guid? OperatorId,
    [property: Id(1)] string AuthorName,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Channel,
    [property: Id(4)] string? Identity,
    [property: Id(5)] IReadOnlyList<AttachmentInfo>? Attachments = null,
    [property: Id(6)] ActingOperator? By = null,
    [property: Id(7)] IReadOnlyList<ReplyChoice>? Choices = null,
    [property: Id(8)] string? IdempotencyKey = null);
