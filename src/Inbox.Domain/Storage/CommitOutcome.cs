using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>
/// Committed, or refused as a duplicate: an inbound message whose channel and external id are already stored, or an
/// operator's item whose idempotency key is already stored.
/// On a duplicate nothing is written and <see cref="Existing"/> is the message stored before.
/// </summary>
public sealed record CommitOutcome(bool Duplicate, TimelineMessage? Existing)
{
    public static readonly CommitOutcome Committed = new(false, null);
}
