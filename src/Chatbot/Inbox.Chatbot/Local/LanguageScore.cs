namespace Inbox.Chatbot.Local;

/// <summary>Accuracy on the examples of one language.</summary>
/// <param name="Language"><c>ru</c>, <c>uk</c> or <c>en</c>, as <see cref="Text.LanguageDetector"/> reads the example.</param>
/// <param name="Total">Examples in that language.</param>
/// <param name="Correct">Those whose top-level intent was right.</param>
public sealed record LanguageScore(string Language, int Total, int Correct)
{
    /// <summary>Share of the examples whose top-level intent was right.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}
