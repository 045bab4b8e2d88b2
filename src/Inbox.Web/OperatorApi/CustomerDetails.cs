using Inbox.Domain.Conversations;
using Inbox.Domain.Customers;

namespace Inbox.Web.OperatorApi;

/// <summary>The customer card: who they are, their identities, and their conversation.</summary>
public sealed record CustomerDetails(CustomerCard Customer, ConversationSnapshot? Conversation);
