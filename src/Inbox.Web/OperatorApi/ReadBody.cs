namespace Inbox.Web.OperatorApi;

/// <summary><c>POST /api/v1/conversations/{id}/read</c>: the sequence of the last event the operator has seen in the conversation.</summary>
public sealed record ReadBody(long? Sequence);
