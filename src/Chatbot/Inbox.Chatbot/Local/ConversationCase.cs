namespace Inbox.Chatbot.Local;

/// <summary>One whole conversation of the held-out conversation set (<c>Data/heldout-conversations.json</c>).</summary>
/// <param name="Name">What the conversation checks, for the report.</param>
/// <param name="Turns">The customer's messages in order, each with what the bot must do.</param>
/// <param name="Identities">Identities the channel verified before the first turn (<c>phone:+79161234567</c>...); none when null.</param>
public sealed record ConversationCase(string Name, IReadOnlyList<ConversationTurnCase> Turns, IReadOnlyList<string>? Identities = null);
