namespace Inbox.Web.Api;

/// <summary>A reply. Without channel and identity it goes where the customer last wrote from.</summary>
public sealed record ReplyBody(string? Text, string? Channel, string? Identity);
