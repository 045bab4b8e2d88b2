namespace Inbox.Connectors.Api;

/// <summary>The answer to <c>POST /api/v1/inbound</c> once the message is durably stored.</summary>
public sealed record ApiInboundResponse(Guid ConversationId, Guid CustomerId, Guid MessageId, long Sequence, bool Duplicate);
