namespace Inbox.Chatbot.Local;

/// <summary>One turn of a held-out conversation where the bot did not do what was expected.</summary>
/// <param name="Conversation">The conversation's name.</param>
/// <param name="Turn">The turn's number, from 1.</param>
/// <param name="Expected">What was expected, in short.</param>
/// <param name="Got">What the bot did, in short.</param>
/// <param name="Text">The customer's message.</param>
public sealed record ConversationFailure(string Conversation, int Turn, string Expected, string Got, string Text);
