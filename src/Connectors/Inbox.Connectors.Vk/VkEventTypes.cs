namespace Inbox.Connectors.Vk;

/// <summary>The Callback API / Bots Long Poll event types this connector knows.</summary>
public static class VkEventTypes
{
    public const string Confirmation = "confirmation";
    public const string MessageNew = "message_new";
    public const string MessageReply = "message_reply";
    public const string MessageEdit = "message_edit";
    public const string MessageAllow = "message_allow";
    public const string MessageDeny = "message_deny";
    public const string MessageEvent = "message_event";
}
