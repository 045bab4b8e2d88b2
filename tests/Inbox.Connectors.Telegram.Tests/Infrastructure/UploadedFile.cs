namespace Inbox.Connectors.Telegram.Tests.Infrastructure;

public sealed record UploadedFile(string FileName, byte[] Content);
