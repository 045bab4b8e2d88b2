namespace Inbox.Chatbot;

/// <summary>The <c>Chatbot</c> configuration section.</summary>
public sealed class ChatbotOptions
{
    public const string SectionName = "Chatbot";

    /// <summary><c>Local</c> (default; offline ML.NET classifier) or <c>AzureOpenAI</c>.</summary>
    public string Mode { get; set; } = "Local";

    /// <summary>Whether the bot answers first at all (<c>Chatbot:Enabled</c>, true by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>Chatbot:ModelCache</c>: the file that keeps the Local engine's trained intent model, so that a start loads it instead of
    /// training (see <see cref="Local.IntentModelCache"/>). The web node's default is <c>intent-model.bin</c> in the embedded
    /// store's data folder, next to the SQLite database; without one (a host of the library alone), every start trains.
    /// </summary>
    public string? ModelCache { get; set; }

    internal static bool IsLocal(string? mode) => string.IsNullOrWhiteSpace(mode) || mode.Equals("Local", StringComparison.OrdinalIgnoreCase);

    internal static bool IsAzureOpenAI(string? mode) => string.Equals(mode, "AzureOpenAI", StringComparison.OrdinalIgnoreCase);
}
