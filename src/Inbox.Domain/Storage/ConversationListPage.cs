using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

public sealed record ConversationListPage(IReadOnlyList<ConversationSnapshot> Items, int Total, int? NextOffset);
