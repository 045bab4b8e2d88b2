namespace Inbox.Connectors.Vk;

/// <summary><c>Channels:Vk:GroupChats</c>: what happens to messages from VK group chats (<c>peer_id</c> ≥ 2000000000).</summary>
public enum VkGroupChats
{
    /// <summary>Logged and dropped: never turned into a private conversation with the author.</summary>
    Ignore = 0,
}
