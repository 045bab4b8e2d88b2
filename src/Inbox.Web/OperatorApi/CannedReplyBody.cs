namespace Inbox.Web.OperatorApi;

/// <summary>A canned reply as a supervisor writes it: a title for the picker (the key when empty) and the text with its variables.</summary>
public sealed record CannedReplyBody(string? Title, string? Text);
