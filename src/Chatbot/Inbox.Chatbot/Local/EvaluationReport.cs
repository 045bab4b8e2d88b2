namespace Inbox.Chatbot.Local;

/// <summary>The result of <see cref="IntentEvaluation.Evaluate"/>.</summary>
/// <param name="Total">Examples scored.</param>
/// <param name="Accuracy">Share of examples whose top-level intent was right.</param>
/// <param name="PerIntent">Precision and recall of each top-level intent.</param>
/// <param name="Intents">Row and column order of <paramref name="Confusion"/>.</param>
/// <param name="Confusion">Rows: expected intent; columns: predicted intent.</param>
/// <param name="SubIntentTotal">Examples labelled with a sub-intent (fraud_* or quiz).</param>
/// <param name="SubIntentAccuracy">Share of those whose sub-intent was right.</param>
/// <param name="Errors">Every example with a wrong intent or sub-intent.</param>
public sealed record EvaluationReport(
    int Total,
    double Accuracy,
    IReadOnlyList<IntentScore> PerIntent,
    IReadOnlyList<string> Intents,
    IReadOnlyList<IReadOnlyList<int>> Confusion,
    int SubIntentTotal,
    double SubIntentAccuracy,
    IReadOnlyList<EvaluationError> Errors)
{
    /// <summary>Accuracy on the Russian, Ukrainian and English examples, in that order.</summary>
    public IReadOnlyList<LanguageScore> PerLanguage { get; init; } = [];

    /// <summary>Recall of the given intent.</summary>
    public double RecallOf(string intent) => PerIntent.FirstOrDefault(p => p.Intent == intent)?.Recall ?? 0;

    /// <summary>Precision of the given intent.</summary>
    public double PrecisionOf(string intent) => PerIntent.FirstOrDefault(p => p.Intent == intent)?.Precision ?? 0;

    /// <summary>Accuracy on the examples of the given language (0 when there are none).</summary>
    public double AccuracyIn(string language) => PerLanguage.FirstOrDefault(p => p.Language == language)?.Accuracy ?? 0;
}
