using Inbox.Domain.Routing;

namespace Inbox.Web.OperatorApi;

/// <summary><c>GET</c> and <c>PUT /api/v1/routing/rules</c>: every routing rule, in the order they are tried.</summary>
public sealed record RoutingRulesBody(IReadOnlyList<RoutingRule>? Rules);
