namespace Inbox.Benchmarks;

/// <summary>The baseline's answer: the same shape (and about the same size) as the answer of <c>POST /api/v1/inbound</c>.</summary>
public sealed record BaselineReply(Guid ConversationId, Guid CustomerId, Guid MessageId, long Sequence, bool Duplicate);
