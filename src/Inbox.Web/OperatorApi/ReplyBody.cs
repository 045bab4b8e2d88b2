namespace Inbox.Web.OperatorApi;

/// <summary>
/// A reply. Without channel and identity it goes where the customer last wrote from. Files are uploaded first
/// (<c>POST /api/v1/attachments</c>) and named here by id. <see cref="TakeOver"/>: the reply takes the conversation from
/// the colleague working on it (recorded on the timeline); without it an operator's reply there is refused (409).
/// </summary>
public sealed record ReplyBody(string? Text, string? Channel, string? Identity, IReadOnlyList<Guid>? AttachmentIds = null, bool TakeOver = false);
