using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The Local engine's statistical part, two ML.NET models trained on the same phrases: one tells
/// <c>order_status</c> / <c>fraud</c> / <c>human</c> / <c>other</c> / <c>quiz</c> apart, the other picks the playbook's fraud
/// sub-intent among the fraud phrases. Training adds a Latin transliteration of every Cyrillic phrase so "gde moi zakaz"
/// reads like "где мой заказ"; texts are normalised by <see cref="TextNormalizer.ForModel"/> (numbers, links and phones become
/// placeholders). On two cores training the shipped set takes about two seconds.
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
    public static IntentModel Train(IEnumerable<LabelledText> examples, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var top = new List<IntentModelInput>();
        var fraud = new List<IntentModelInput>();
        foreach (var example in examples)
        {
            var text = TextNormalizer.ForModel(example.Text);
            var texts = Transliterator.HasCyrillic(text) ? new[] { text, Transliterator.ToLatin(text) } : new[] { text };
            var topLabel = example.Label == Intents.Quiz ? Intents.Quiz : Intents.ToTopLevel(example.Label);
            foreach (var variant in texts)
            {
                top.Add(new IntentModelInput { Label = topLabel, Text = variant });
                if (topLabel == Intents.Fraud && example.Label != Intents.Fraud)
                {
                    fraud.Add(new IntentModelInput { Label = example.Label, Text = variant });
                }
            }
        }

        if (fraud.Select(f => f.Label).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            throw new ArgumentException("Training needs phrases of at least two fraud sub-intents.", nameof(examples));
        }

        return new IntentModel(LabelScorer.Train(top, seed), LabelScorer.Train(fraud, seed));
    }

    /// <summary>Probabilities of <c>order_status</c>, <c>fraud</c>, <c>human</c>, <c>other</c> and <c>quiz</c>.</summary>
    public IReadOnlyDictionary<string, double> ScoreIntents(string text) => _top.Score(TextNormalizer.ForModel(text));

    /// <summary>Probabilities of the fraud sub-intents, as if the message were about fraud.</summary>
    public IReadOnlyDictionary<string, double> ScoreFraudSubIntents(string text) => _fraud.Score(TextNormalizer.ForModel(text));
}
