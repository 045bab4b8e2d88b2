namespace Inbox.Connectors.Vk;

/// <summary>VK could not give a photo or a name for a passing reason: the event is processed again later.</summary>
public sealed class VkUnavailableException(string message) : Exception(message);
