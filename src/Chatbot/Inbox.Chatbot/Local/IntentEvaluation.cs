using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// Scores a classifier on a labelled set at the top-level intents (and at sub-intents when the set has them), overall and per
/// language (the language <see cref="LanguageDetector"/> reads in each example).
/// </summary>
public static class IntentEvaluation
{
    private static readonly string[] Languages = [LanguageDetector.Russian, LanguageDetector.Ukrainian, LanguageDetector.English];

    /// <summary>Classifies every example and compares with its label.</summary>
    /// <param name="classify">The classifier under test (e.g. <see cref="IntentClassifier.ClassifyAsync"/>).</param>
    /// <param name="examples">The labelled examples; labels may be top-level intents or data-set labels.</param>
    public static async Task<EvaluationReport> EvaluateAsync(Func<string, ValueTask<IntentPrediction>> classify, IReadOnlyList<LabelledText> examples)
    {
        ArgumentNullException.ThrowIfNull(classify);
        ArgumentNullException.ThrowIfNull(examples);
        var intents = Intents.TopLevel;
        var confusion = new int[intents.Count, intents.Count];
        var errors = new List<EvaluationError>();
        var correct = 0;
        var subTotal = 0;
        var subCorrect = 0;
        var languageTotals = new Dictionary<string, (int Total, int Correct)>(StringComparer.Ordinal);

        foreach (var example in examples)
        {
            var prediction = await classify(example.Text).ConfigureAwait(false);
            var expected = Intents.ToTopLevel(example.Label);
            var row = IndexOf(intents, expected);
            var column = IndexOf(intents, prediction.Intent);
            confusion[row, column]++;
            if (row == column)
            {
                correct++;
            }

            var language = LanguageDetector.Detect(example.Text);
            var (languageTotal, languageCorrect) = languageTotals.GetValueOrDefault(language);
            languageTotals[language] = (languageTotal + 1, languageCorrect + (row == column ? 1 : 0));

            var expectedSub = Intents.ToSubIntent(example.Label);
            if (expectedSub is not null)
            {
                subTotal++;
                if (prediction.SubIntent == expectedSub)
                {
                    subCorrect++;
                }
            }

            if (row != column || (expectedSub is not null && prediction.SubIntent != expectedSub))
            {
                errors.Add(new EvaluationError(example.Label, prediction.Label, prediction.Confidence, prediction.Source, example.Text));
            }
        }

        var perIntent = new List<IntentScore>();
        for (var i = 0; i < intents.Count; i++)
        {
            var truePositives = confusion[i, i];
            var predicted = Enumerable.Range(0, intents.Count).Sum(r => confusion[r, i]);
            var actual = Enumerable.Range(0, intents.Count).Sum(c => confusion[i, c]);
            perIntent.Add(new IntentScore(
                intents[i],
                predicted == 0 ? 0 : (double)truePositives / predicted,
                actual == 0 ? 0 : (double)truePositives / actual,
                actual));
        }

        var matrix = Enumerable.Range(0, intents.Count)
            .Select(r => (IReadOnlyList<int>)Enumerable.Range(0, intents.Count).Select(c => confusion[r, c]).ToArray())
            .ToArray();
        return new EvaluationReport(
            examples.Count,
            examples.Count == 0 ? 0 : (double)correct / examples.Count,
            perIntent,
            intents,
            matrix,
            subTotal,
            subTotal == 0 ? 0 : (double)subCorrect / subTotal,
            errors)
        {
            PerLanguage = [.. Languages.Select(l => new LanguageScore(l, languageTotals.GetValueOrDefault(l).Total, languageTotals.GetValueOrDefault(l).Correct))],
        };
    }

    private static int IndexOf(IReadOnlyList<string> intents, string intent)
    {
        for (var i = 0; i < intents.Count; i++)
        {
            if (intents[i] == intent)
            {
                return i;
            }
        }

        return intents.Count - 1;
    }
}
