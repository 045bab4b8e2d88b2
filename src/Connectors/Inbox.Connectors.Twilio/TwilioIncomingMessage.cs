using Inbox.Identity;
namespace Inbox.Connectors.Twilio;

/// <summary>What an inbound webhook says, before its files are downloaded.</summary>
/// <param name="DeclaredMediaCount"><c>NumMedia</c> as sent; the files actually present are in <paramref name="Media"/>.</param>
/// <param name="OptOutType"><c>STOP</c>, <c>START</c> or <c>HELP</c> when Twilio's Advanced Opt-Out recognised a keyword.</param>
public sealed record TwilioIncomingMessage(
    string Channel,
    string MessageSid,
    IReadOnlyList<ChannelIdentity> From,
    string? SenderName,
    string Text,
    IReadOnlyList<TwilioMediaReference> Media,
    int? DeclaredMediaCount,
    string? OptOutType);
