namespace Inbox.Domain.Storage;

/// <summary>
/// Moves timeline items between conversations when customers are merged or unmerged. A merge moves every item of
/// <see cref="From"/> to <see cref="To"/> and remembers where each came from; an unmerge (<see cref="Back"/>) moves
/// back exactly the items that came from <see cref="From"/>. Waiting outbox entries move with their messages.
/// </summary>
public sealed record TimelineMove(Guid From, Guid To, bool Back);
