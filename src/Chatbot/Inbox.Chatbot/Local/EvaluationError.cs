namespace Inbox.Chatbot.Local;

/// <summary>One misclassified example.</summary>
/// <param name="Expected">The example's label.</param>
/// <param name="Predicted">The predicted label (sub-intent when there is one).</param>
/// <param name="Confidence">The prediction's confidence.</param>
/// <param name="Source">What decided (<c>model</c> or a rule).</param>
/// <param name="Text">The phrase.</param>
public sealed record EvaluationError(string Expected, string Predicted, double Confidence, string Source, string Text);
