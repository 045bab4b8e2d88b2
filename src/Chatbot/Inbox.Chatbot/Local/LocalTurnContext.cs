namespace Inbox.Chatbot.Local;

/// <summary>What the Local engine knows while answering one message.</summary>
/// <param name="Request">The request.</param>
/// <param name="Text">The message text (never null).</param>
/// <param name="Language">The language to answer in.</param>
/// <param name="Memory">The memory, already carrying <paramref name="Language"/>.</param>
/// <param name="Prediction">The classifier's reading.</param>
internal sealed record LocalTurnContext(BotRequest Request, string Text, string Language, BotMemory Memory, IntentPrediction Prediction);
