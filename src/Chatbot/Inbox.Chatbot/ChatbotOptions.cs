namespace Inbox.Chatbot;

/// <summary>The <c>Chatbot</c> configuration section.</summary>
public sealed class ChatbotOptions
{
    public const string SectionName = "Chatbot";

    /// <summary><c>Local</c> (default; offline ML.NET classifier) or <c>AzureOpenAI</c>.</summary>
    public string Mode { get; set; } = "Local";
}
