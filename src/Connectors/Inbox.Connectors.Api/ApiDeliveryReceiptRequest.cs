namespace Inbox.Connectors.Api;

/// <summary>The body of <c>POST /api/v1/outbound/{messageId}/status</c>: <c>delivered</c> or <c>failed</c>, with a reason for a failure.</summary>
public sealed record ApiDeliveryReceiptRequest(string? Status, string? Reason);
