namespace Inbox.Web.OperatorApi;

/// <summary>A private note an operator wrote on the customer's conversation (or on one merged into it).</summary>
public sealed record CustomerNote(Guid MessageId, Guid ConversationId, string Text, string? AuthorName, DateTimeOffset CreatedAt);
