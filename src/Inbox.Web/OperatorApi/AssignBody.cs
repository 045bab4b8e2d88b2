namespace Inbox.Web.OperatorApi;

/// <summary>
/// Whom to assign to; without an operator id, to yourself. <see cref="TakeOver"/>: take it from the colleague working on
/// it (recorded on the timeline); without it, an operator's assign of a colleague's conversation is refused (409).
/// </summary>
public sealed record AssignBody(Guid? OperatorId, bool TakeOver = false);
