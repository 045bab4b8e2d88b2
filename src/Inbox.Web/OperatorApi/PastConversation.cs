namespace Inbox.Web.OperatorApi;

/// <summary>
/// A resolved episode of the customer's conversation (one conversation per customer; an episode runs from the customer's
/// first message to the resolve): when, on which channel it began, and the customer's first message as the preview.
/// </summary>
public sealed record PastConversation(
    Guid ConversationId,
    DateTimeOffset StartedAt,
    DateTimeOffset ResolvedAt,
    string Channel,
    string? Preview,
    Guid? FirstMessageId);
