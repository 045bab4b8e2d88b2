using Inbox.Domain.Conversations;

namespace Inbox.Silo.Grains;

/// <summary>How conversations behave.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>
    /// The status of a new conversation: <c>Bot</c> (the default, as on every node) while <c>Chatbot:Enabled</c> is on,
    /// otherwise <c>Queued</c> for operators.
    /// </summary>
    public ConversationStatus InitialStatus { get; set; } = ConversationStatus.Bot;

    /// <summary>How many characters of the last message the conversation list shows.</summary>
    public int PreviewLength { get; set; } = 120;

    /// <summary>
    /// How long an operator's idempotency key of a reply or note is kept: a repeat within it returns the first item.
    /// </summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);
}
