using Inbox.Identity;
namespace Inbox.Connectors;

/// <summary>A reply to deliver through one channel to one of the customer's identities.</summary>
/// <param name="Attempt">1 for the first try; the same <paramref name="MessageId"/> is used on every retry.</param>
public sealed record OutboundMessage(
    Guid MessageId,
    Guid ConversationId,
    string Channel,
    ChannelIdentity Recipient,
    string Text,
    int Attempt,
    DateTimeOffset CreatedAt,
    IReadOnlyList<OutboundAttachment>? Attachments = null)
{
    /// <summary>Written by the bot, not a person: channels that can say so do (email: <c>Auto-Submitted: auto-replied</c>).</summary>
    public bool IsAutomated { get; init; }

    /// <summary>Buttons the customer can press instead of typing (rendered by Telegram and VK, ignored by the others).</summary>
    public IReadOnlyList<OutboundChoice>? Choices { get; init; }
}
