namespace Inbox.Chatbot.Local;

/// <summary>What <see cref="IntentModelCache.LoadOrTrain"/> gave: the model, and whether it came from the file or was trained now.</summary>
public sealed record IntentModelLoad(IntentModel Model, bool FromCache);
