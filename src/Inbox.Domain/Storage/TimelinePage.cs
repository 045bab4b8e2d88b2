using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>A page of a timeline in order; <see cref="NextBefore"/> asks for the older page, null at the start.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineMessage> Messages, long? NextBefore);
