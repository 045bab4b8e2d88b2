namespace Inbox.Connectors;

/// <summary>A file an operator sends with a reply. <see cref="OpenAsync"/> opens its content, once per attempt.</summary>
public sealed record OutboundAttachment(Guid AttachmentId, string FileName, string ContentType, long Size, Func<CancellationToken, Task<Stream>> OpenAsync);
