namespace Inbox.Web.OperatorApi;

public sealed record NoteBody(string? Text);
