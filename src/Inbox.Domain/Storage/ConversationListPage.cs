using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>A page of the conversation list; <see cref="NextOffset"/> is null on the last page.</summary>
public sealed record ConversationListPage(IReadOnlyList<ConversationListItem> Items, int Total, int? NextOffset);

/// <summary>A line of the conversation list: the conversation and the customer's name.</summary>
public sealed record ConversationListItem(ConversationSnapshot Conversation, string? CustomerName);
