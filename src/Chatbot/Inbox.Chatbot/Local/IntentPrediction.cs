namespace Inbox.Chatbot.Local;

/// <summary>The classifier's reading of one message.</summary>
/// <param name="Intent">One of the four top-level <see cref="Intents"/>.</param>
/// <param name="SubIntent">A fraud sub-intent, <c>quiz</c>, or null.</param>
/// <param name="Confidence">The model's probability of <paramref name="Intent"/> (summed over its labels); 1 when a rule decided.</param>
/// <param name="Source"><c>model</c> or <c>rule:&lt;name&gt;</c>.</param>
public sealed record IntentPrediction(string Intent, string? SubIntent, double Confidence, string Source)
{
    /// <summary>True when a deterministic rule decided.</summary>
    public bool ByRule => Source.StartsWith("rule:", StringComparison.Ordinal);

    /// <summary>The data-set label this prediction corresponds to (<c>fraud_code_request</c>, <c>quiz</c>, <c>order_status</c>...).</summary>
    public string Label => SubIntent ?? Intent;
}
