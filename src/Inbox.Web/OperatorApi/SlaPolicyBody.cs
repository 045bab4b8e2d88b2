namespace Inbox.Web.OperatorApi;

/// <summary>A policy of <see cref="SlaPoliciesBody"/>: priority <c>normal</c>, <c>high</c>, <c>urgent</c> or empty; durations <c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>.</summary>
public sealed record SlaPolicyBody(string? Team, string? Priority, string? FirstResponse, string? Resolution, string? Schedule);
