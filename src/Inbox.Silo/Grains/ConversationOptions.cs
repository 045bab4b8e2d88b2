using Inbox.Domain.Conversations;

namespace Inbox.Silo.Grains;

/// <summary>How conversations behave.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>The status of a new conversation: <c>Queued</c> for operators, <c>Bot</c> once the chatbot answers first.</summary>
    public ConversationStatus InitialStatus { get; set; } = ConversationStatus.Queued;

    /// <summary>How many characters of the last message the conversation list shows.</summary>
    public int PreviewLength { get; set; } = 120;
}
