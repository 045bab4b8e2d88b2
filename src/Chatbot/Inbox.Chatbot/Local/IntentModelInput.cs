namespace Inbox.Chatbot.Local;

/// <summary>A row the ML.NET pipeline reads.</summary>
internal sealed class IntentModelInput
{
    public string Label { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public float Weight { get; set; } = 1;
}
