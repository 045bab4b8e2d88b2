namespace Inbox.Connectors.Vk;

/// <summary>A file fetched from VK's CDN, or why it could not be.</summary>
public sealed record VkDownload(byte[]? Content, string? ContentType, string? Problem)
{
    public bool Succeeded => Content is not null;
}
