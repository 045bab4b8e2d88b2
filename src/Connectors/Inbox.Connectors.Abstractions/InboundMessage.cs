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
    IReadOnlyList<InboundAttachment>? Attachments = null);
