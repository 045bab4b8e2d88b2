namespace Inbox.Connectors.Vk;

/// <summary>A VK message object read leniently: who, where, when, the text with attachments described, and the photos to download.</summary>
/// <param name="PeerId">The dialog: the user's id in a private dialog, 2000000000 + chat_id in a group chat.</param>
/// <param name="FromId">The author (negative for a community).</param>
/// <param name="ConversationMessageId">The message's number within its dialog; with <paramref name="PeerId"/> it is the message's key.</param>
/// <param name="Id">The global message id; 0 in group chats.</param>
/// <param name="Date">Unix seconds.</param>
/// <param name="UpdateTime">Unix seconds of the last edit, when edited.</param>
public sealed record VkIncomingMessage(
    long PeerId,
    long FromId,
    long? ConversationMessageId,
    long? Id,
    long? Date,
    long? UpdateTime,
    bool Outgoing,
    string Text,
    IReadOnlyList<VkPhotoReference> Photos);
