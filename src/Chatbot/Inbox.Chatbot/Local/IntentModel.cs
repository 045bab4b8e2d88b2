using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The Local engine's statistical part, two ML.NET models trained on the same phrases: one tells
/// <c>order_status</c> / <c>fraud</c> / <c>human</c> / <c>other</c> / <c>quiz</c> apart, the other picks the playbook's fraud
/// sub-intent among the fraud phrases. Training adds a Latin transliteration of every Cyrillic phrase so "gde moi zakaz"
/// reads like "где мой заказ"; texts are normalised by <see cref="TextNormalizer.ForModel"/> (numbers, links and phones become
/// placeholders). Training the shipped set takes seconds (8 s on two busy cores); <see cref="IntentModelCache"/> keeps the
/// trained models on disk so that a node's later starts load them instead.
/// </summary>
public sealed class IntentModel
{
    private readonly LabelScorer _top;
    private readonly LabelScorer _fraud;

    private IntentModel(LabelScorer top, LabelScorer fraud)
    {
        _top = top;
        _fraud = fraud;
    }

    /// <summary>The labels of the first model: top-level intents plus <c>quiz</c>.</summary>
    public IReadOnlyList<string> TopLabels => _top.Labels;

    /// <summary>The fraud sub-intents the second model knows.</summary>
    public IReadOnlyList<string> FraudLabels => _fraud.Labels;

    /// <summary>Trains both models. Labels are data-set labels (<c>fraud_code_request</c>, <c>quiz</c>, <c>order_status</c>...).</summary>
    public static IntentModel Train(IEnumerable<LabelledText> examples, int seed = 1) => Train(IntentTrainingRows.From(examples), seed);

    internal static IntentModel Train(IntentTrainingRows rows, int seed) =>
        new(LabelScorer.Train(rows.Top, seed), LabelScorer.Train(rows.Fraud, seed));

    /// <summary>Reads the two models <see cref="Save"/> wrote.</summary>
    /// <exception cref="Exception">The bytes are not such models (ML.NET throws several kinds).</exception>
    internal static IntentModel Load(ReadOnlyMemory<byte> top, ReadOnlyMemory<byte> fraud)
    {
        using var topStream = new MemoryStream(top.ToArray(), writable: false);
        using var fraudStream = new MemoryStream(fraud.ToArray(), writable: false);
        return new IntentModel(LabelScorer.Load(topStream), LabelScorer.Load(fraudStream));
    }

    /// <summary>The two trained models, each in ML.NET's own format.</summary>
    internal (byte[] Top, byte[] Fraud) Save()
    {
        using var top = new MemoryStream();
        using var fraud = new MemoryStream();
        _top.Save(top);
        _fraud.Save(fraud);
        return (top.ToArray(), fraud.ToArray());
    }

    /// <summary>Probabilities of <c>order_status</c>, <c>fraud</c>, <c>human</c>, <c>other</c> and <c>quiz</c>.</summary>
    public IReadOnlyDictionary<string, double> ScoreIntents(string text) => _top.Score(TextNormalizer.ForModel(text));

    /// <summary>Probabilities of the fraud sub-intents, as if the message were about fraud.</summary>
    public IReadOnlyDictionary<string, double> ScoreFraudSubIntents(string text) => _fraud.Score(TextNormalizer.ForModel(text));
}
