namespace Inbox.Chatbot;

/// <summary>The <c>Chatbot</c> configuration section.</summary>
public sealed class ChatbotOptions
{
    public const string SectionName = "Chatbot";

    /// <summary><c>Local</c> (default; offline ML.NET classifier) or <c>AzureOpenAI</c>.</summary>
    public string Mode { get; set; } = "Local";

    /// <summary>Whether the bot answers first at all (<c>Chatbot:Enabled</c>, true by default).</summary>
    public bool Enabled { get; set; } = true;

    internal static bool IsLocal(string? mode) => string.IsNullOrWhiteSpace(mode) || mode.Equals("Local", StringComparison.OrdinalIgnoreCase);

    internal static bool IsAzureOpenAI(string? mode) => string.Equals(mode, "AzureOpenAI", StringComparison.OrdinalIgnoreCase);
}
