using Inbox.Identity;
namespace Inbox.Connectors;

/// <summary>
/// What a connector makes of a provider's request: a message from a customer, neutral of the provider.
/// </summary>
/// <param name="Channel">The channel it came through (<see cref="ChannelNames"/>).</param>
/// <param name="ExternalId">The provider's id of this message; a repeat with the same id is a duplicate.</param>
/// <param name="From">The sender's identities, the most specific first (the channel's own address first).</param>
/// <param name="SenderName">The sender's display name, when the provider gives one.</param>
/// <param name="Text">The message text.</param>
/// <param name="SentAt">When the customer sent it, by the provider's clock.</param>
/// <param name="Attachments">Files that came with it (the text may then be a caption, or empty).</param>
public sealed record InboundMessage(
    string Channel,
    string ExternalId,
    IReadOnlyList<ChannelIdentity> From,
    string? SenderName,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<InboundAttachment>? Attachments = null)
{
    /// <summary>
    /// Sent by a machine (auto-reply, out-of-office, bounce, mailing list): stored, but it never gets a bot answer and
    /// never reopens a resolved conversation.
    /// </summary>
    public bool IsAutomated { get; init; }

    /// <summary>Provider ids of our own messages this one answers (email In-Reply-To, then References newest first).</summary>
    public IReadOnlyList<string>? InReplyTo { get; init; }

    /// <summary>The conversation the customer's reply names (a reply token we put in our outgoing messages), when it has one.</summary>
    public Guid? ConversationHint { get; init; }

    /// <summary>Provider facts kept with the message for later replies (email: Subject, References).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>A connector cursor (IMAP UIDVALIDITY and last UID) written in the same transaction as the message.</summary>
    public ConnectorCheckpoint? Checkpoint { get; init; }
}
