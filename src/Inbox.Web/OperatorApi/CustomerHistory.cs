namespace Inbox.Web.OperatorApi;

/// <summary>The customer's past: resolved episodes and private notes, newest first.</summary>
public sealed record CustomerHistory(IReadOnlyList<PastConversation> Conversations, IReadOnlyList<CustomerNote> Notes);
