namespace Inbox.Connectors.Vk;

/// <summary>How VK hands us the community's events.</summary>
public enum VkMode
{
    /// <summary>VK POSTs every event to <c>POST /webhooks/vk</c> (needs a public HTTPS URL).</summary>
    Callback,

    /// <summary>We ask VK for events ourselves (Bots Long Poll); no public URL needed.</summary>
    LongPoll,
}
