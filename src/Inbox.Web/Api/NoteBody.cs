namespace Inbox.Web.Api;

public sealed record NoteBody(string? Text);
