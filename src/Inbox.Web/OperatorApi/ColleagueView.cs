namespace Inbox.Web.OperatorApi;

/// <summary>A colleague as any operator may see them: whom to hand a conversation to (no login, role or presence).</summary>
public sealed record ColleagueView(Guid OperatorId, string DisplayName);
