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
    /// <summary>Recall of the given intent.</summary>
    public double RecallOf(string intent) => PerIntent.FirstOrDefault(p => p.Intent == intent)?.Recall ?? 0;
}
