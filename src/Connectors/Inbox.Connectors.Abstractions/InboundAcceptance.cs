namespace Inbox.Connectors;

/// <summary>The answer to a connector once an inbound message is durably stored (or was already).</summary>
public sealed record InboundAcceptance(Guid ConversationId, Guid CustomerId, Guid MessageId, long Sequence, bool Duplicate);
