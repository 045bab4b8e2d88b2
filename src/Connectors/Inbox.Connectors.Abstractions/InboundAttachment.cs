namespace Inbox.Connectors;

/// <summary>A file the customer sent (photo, document), already downloaded from the provider, kept so operators can open it.</summary>
/// <param name="ProviderFileId">The provider's id of the file, when it has one (Telegram's file_id).</param>
public sealed record InboundAttachment(string FileName, string ContentType, byte[] Content, string? ProviderFileId = null);
