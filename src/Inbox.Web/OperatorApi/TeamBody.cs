namespace Inbox.Web.OperatorApi;

/// <summary>
/// <c>PUT /api/v1/teams/{key}</c>: the team's name, the channels and customers' languages it serves (empty or left out: any),
/// and whether its queue is assigned automatically (left out: on for a new team, unchanged for an existing one).
/// </summary>
public sealed record TeamBody(string? Name, IReadOnlyList<string>? Channels, IReadOnlyList<string>? Languages, bool? AutoAssign);
