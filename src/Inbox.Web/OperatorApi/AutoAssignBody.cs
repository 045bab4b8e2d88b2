namespace Inbox.Web.OperatorApi;

/// <summary><c>PUT /api/v1/teams/{key}/auto-assign</c>: whether the team's queue is assigned automatically.</summary>
public sealed record AutoAssignBody(bool? Enabled);
