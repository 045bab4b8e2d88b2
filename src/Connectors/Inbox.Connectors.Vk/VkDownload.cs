namespace Inbox.Connectors.Vk;

/// <summary>A file fetched from VK's CDN, or why it could not be (<paramref name="Transient"/>: a passing reason, worth trying again).</summary>
public sealed record VkDownload(byte[]? Content, string? ContentType, string? Problem, bool Transient = false)
{
    public bool Succeeded => Content is not null;
}
