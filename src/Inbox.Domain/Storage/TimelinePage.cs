using Inbox.Domain.Conversations;

namespace Inbox.Domain.Storage;

/// <summary>
/// A page of a timeline, oldest first; <see cref="NextBefore"/> is the cursor of the older page, null at the start.
/// The timeline is in the order things happened, across every conversation merged into this one.
/// </summary>
public sealed record TimelinePage(IReadOnlyList<TimelineMessage> Messages, string? NextBefore);
