using Inbox.Domain.Conversations;

namespace Inbox.Web.OperatorApi;

/// <summary>
/// <c>GET /api/v1/conversations/unread</c>: the caller's unread customer messages in the conversations asked for, and in
/// total over the conversations waiting for them (the queue and their own).
/// </summary>
public sealed record UnreadPage(int Total, IReadOnlyList<UnreadCount> Items);
