namespace Inbox.Web.OperatorApi;

/// <summary><c>POST /api/v1/conversations/{id}/transfer</c>: to an operator or to a team (exactly one), with a note.</summary>
public sealed record TransferBody(Guid? OperatorId, string? Team, string? Note);
