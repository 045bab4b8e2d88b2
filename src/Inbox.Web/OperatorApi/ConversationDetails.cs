using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;

namespace Inbox.Web.OperatorApi;

/// <summary>One conversation: its state, the customer card, and the newest page of its timeline (oldest first).</summary>
public sealed record ConversationDetails(ConversationSnapshot Conversation, CustomerCard? Customer, IReadOnlyList<TimelineMessage> Messages, string? NextBefore);
