namespace Inbox.Chatbot;

/// <summary>The bot's reading of one message.</summary>
/// <param name="Intent">One of <see cref="Intents"/>: <c>order_status</c>, <c>fraud</c>, <c>human</c> or <c>other</c>.</param>
/// <param name="Confidence">0..1; 1 when a deterministic rule decided.</param>
/// <param name="SubIntent">For fraud, the playbook's scam (<c>fraud_code_request</c>...); <c>quiz</c> for the quiz; otherwise null.</param>
/// <param name="Language"><c>ru</c>, <c>uk</c> or <c>en</c>.</param>
public sealed record BotDecision(string Intent, double Confidence, string? SubIntent, string Language)
{
    /// <summary>What decided: <c>model</c>, <c>rule:&lt;name&gt;</c>, <c>azure-openai</c>, or <c>fallback:&lt;reason&gt;</c>.</summary>
    public string? Source { get; init; }
}
