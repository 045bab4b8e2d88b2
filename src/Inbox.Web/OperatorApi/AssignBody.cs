namespace Inbox.Web.OperatorApi;

/// <summary>Whom to assign to; without an operator id, to yourself.</summary>
public sealed record AssignBody(Guid? OperatorId);
