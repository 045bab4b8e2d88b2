namespace Inbox.Connectors.Vk;

/// <summary>The biggest size of a photo a customer sent: where to download it, and VK's id of it (<c>photo&lt;owner&gt;_&lt;id&gt;</c>).</summary>
public sealed record VkPhotoReference(string Url, int Width, int Height, string? ProviderFileId);
