using Inbox.Identity;

namespace Inbox.Domain.Customers;

/// <summary>What an inbound message says about who sent it, for <see cref="ICustomerResolver"/>.</summary>
/// <param name="Channel">The channel it came in on.</param>
/// <param name="From">The sender's identities; the first is the address it came from, the others are verified as the sender's own.</param>
/// <param name="SenderName">The sender's name as the channel gives it.</param>
/// <param name="InReplyTo">Provider ids of our messages it answers (email threading).</param>
/// <param name="ConversationHint">A conversation named by a reply token, when the channel carries one.</param>
public sealed record CustomerLookup(
    string Channel,
    IReadOnlyList<ChannelIdentity> From,
    string? SenderName,
    IReadOnlyList<string>? InReplyTo = null,
    Guid? ConversationHint = null);
