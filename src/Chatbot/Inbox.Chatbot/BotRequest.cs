using Inbox.Identity;

namespace Inbox.Chatbot;

/// <summary>One customer message as the bot sees it.</summary>
/// <param name="ConversationId">The conversation the message belongs to.</param>
/// <param name="Channel">The channel it came from (<c>telegram</c>, <c>vk</c>, <c>whatsapp</c>, <c>sms</c>, <c>email</c>, <c>api</c>...).</param>
/// <param name="Text">The message text.</param>
/// <param name="VerifiedIdentities">Identities the channel has verified, such as <c>phone:+79161234567</c> or <c>email:ivan@example.com</c>.</param>
/// <param name="CustomerName">The customer's name, when known.</param>
/// <param name="Memory">What the bot remembered after the previous turn (<see cref="BotMemory.Empty"/> for the first one).</param>
/// <param name="QueuePlaces">The customer's place in the operators' queue if handed off now, per priority, when the host knows it.</param>
public sealed record BotRequest(
    Guid ConversationId,
    string Channel,
    string Text,
    IReadOnlyList<ChannelIdentity> VerifiedIdentities,
    string? CustomerName,
    BotMemory Memory,
    QueuePlaces? QueuePlaces)
{
    /// <summary>
    /// The message is the customer's own contact shared through the channel (Telegram's "share my phone number"): the channel
    /// has verified the phone and added it to <see cref="VerifiedIdentities"/>. The text then only describes the contact.
    /// </summary>
    public bool SharesOwnContact { get; init; }
}
