namespace Inbox.Connectors;

/// <summary>The customer changed a message already stored: same channel and external id, new text.</summary>
public sealed record InboundEdit(string Channel, string ExternalId, string NewText, DateTimeOffset EditedAt);
