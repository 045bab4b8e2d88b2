namespace Inbox.Connectors.Telegram;

/// <summary>A file in a message that we download: its <c>file_id</c>, the name and type to store it under, its size when known.</summary>
public sealed record TelegramFileReference(string FileId, string? FileName, string ContentType, long? Size);
