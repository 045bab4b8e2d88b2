namespace Inbox.Web.OperatorApi;

/// <summary><c>PUT /api/v1/operators/{id}/capacity</c>: how many conversations the operator takes at once.</summary>
public sealed record CapacityBody(int? Capacity);
