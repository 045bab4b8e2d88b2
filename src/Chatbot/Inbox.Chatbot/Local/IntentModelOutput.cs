namespace Inbox.Chatbot.Local;

/// <summary>A row the ML.NET pipeline writes.</summary>
internal sealed class IntentModelOutput
{
    public string PredictedLabel { get; set; } = string.Empty;

    public float[] Score { get; set; } = [];
}
