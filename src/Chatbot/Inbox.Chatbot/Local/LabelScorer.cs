using Inbox.Chatbot.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// One trained ML.NET multiclass model: <c>FeaturizeText</c> (character 1–3-grams and words, TF, L2-normalised) feeding
/// <c>SdcaMaximumEntropy</c> with class-balanced example weights. Single-threaded and seeded, so training is deterministic.
/// </summary>
internal sealed class LabelScorer
{
    private readonly PredictionEngine<IntentModelInput, IntentModelOutput> _engine;
    private readonly string[] _labels;
    private readonly Lock _gate = new();

    private LabelScorer(PredictionEngine<IntentModelInput, IntentModelOutput> engine, string[] labels)
    {
        _engine = engine;
        _labels = labels;
    }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Trains on (label, model text) rows; texts must already be <see cref="TextNormalizer.ForModel"/> output.</summary>
    public static LabelScorer Train(IReadOnlyList<IntentModelInput> rows, int seed)
    {
        var counts = rows.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        if (counts.Count < 2)
        {
            throw new ArgumentException("Training needs at least two labels.", nameof(rows));
        }

        var average = counts.Values.Average();
        foreach (var row in rows)
        {
            row.Weight = (float)(average / counts[row.Label]);
        }

        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            StopWordsRemoverOptions = null,
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true },
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = true },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var trainer = new SdcaMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            ExampleWeightColumnName = "Weight",
            NumberOfThreads = 1,
            MaximumNumberOfIterations = 40,
            L2Regularization = 1e-5f,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, "Text"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(trainer))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<IntentModelInput, IntentModelOutput>(model);

        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
        return new LabelScorer(engine, slotNames.DenseValues().Select(v => v.ToString()).ToArray());
    }

    /// <summary>The probability of every label; <paramref name="modelText"/> is <see cref="TextNormalizer.ForModel"/> output.</summary>
    public IReadOnlyDictionary<string, double> Score(string modelText)
    {
        float[] scores;
        lock (_gate)
        {
            scores = _engine.Predict(new IntentModelInput { Text = modelText }).Score;
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < _labels.Length && i < scores.Length; i++)
        {
            result[_labels[i]] = scores[i];
        }

        return result;
    }
}
