namespace Inbox.Web.OperatorApi;

/// <summary>
/// A reply. Without channel and identity it goes where the customer last wrote from. Files are uploaded first
/// (<c>POST /api/v1/attachments</c>) and named here by id.
/// </summary>
public sealed record ReplyBody(string? Text, string? Channel, string? Identity, IReadOnlyList<Guid>? AttachmentIds = null);
