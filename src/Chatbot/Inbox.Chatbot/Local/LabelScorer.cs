using System.Globalization;
using System.Reflection;
using Inbox.Chatbot.Text;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// One trained ML.NET multiclass model: <c>FeaturizeText</c> (character 1–3-grams and words, TF, L2-normalised) feeding
/// <c>SdcaMaximumEntropy</c> with class-balanced example weights. Single-threaded and seeded, so training is deterministic.
/// An ML.NET prediction engine serves one caller at a time: concurrent conversations each take one from a pool instead of
/// queueing on a single engine.
/// </summary>
internal sealed class LabelScorer
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _inputSchema;
    private readonly ObjectPool<PredictionEngine<IntentModelInput, IntentModelOutput>> _engines;
    private readonly string[] _labels;

    private LabelScorer(MLContext ml, ITransformer model, DataViewSchema inputSchema)
    {
        _ml = ml;
        _model = model;
        _inputSchema = inputSchema;
        _engines = new DefaultObjectPool<PredictionEngine<IntentModelInput, IntentModelOutput>>(new EnginePolicy(ml, model));
        var engine = _engines.Get();
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref slotNames);
        _labels = slotNames.DenseValues().Select(v => v.ToString()).ToArray();
        _engines.Return(engine);
    }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>
    /// The featurizer and trainer settings, as text: part of the model cache's key, so that a change of the trainer (or of the
    /// ML.NET version) retrains instead of loading a model the code would no longer make.
    /// </summary>
    public static string TrainerDescription
    {
        get
        {
            var featurizer = FeaturizerOptions();
            var trainer = TrainerOptions();
            return string.Create(
                CultureInfo.InvariantCulture,
                $"ML.NET {MlNetVersion}; text: case {featurizer.CaseMode}, diacritics {featurizer.KeepDiacritics}, " +
                $"punctuation {featurizer.KeepPunctuations}, numbers {featurizer.KeepNumbers}, stop words {featurizer.StopWordsRemoverOptions is not null}, " +
                $"chars {featurizer.CharFeatureExtractor?.NgramLength}/{featurizer.CharFeatureExtractor?.UseAllLengths}, " +
                $"words {featurizer.WordFeatureExtractor?.NgramLength}/{featurizer.WordFeatureExtractor?.UseAllLengths}, norm {featurizer.Norm}; " +
                $"SdcaMaximumEntropy: threads {trainer.NumberOfThreads}, iterations {trainer.MaximumNumberOfIterations}, L2 {trainer.L2Regularization:R}, " +
                $"weighted by {trainer.ExampleWeightColumnName}, class-balanced");
        }
    }

    // The package's version: the assembly version of ML.NET stays 1.0.0.0 across releases.
    private static string? MlNetVersion =>
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

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
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", FeaturizerOptions(), "Text"))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(TrainerOptions()))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        return new LabelScorer(ml, pipeline.Fit(data), data.Schema);
    }

    /// <summary>Reads a model <see cref="Save"/> wrote.</summary>
    /// <exception cref="Exception">The bytes are not such a model (ML.NET throws several kinds).</exception>
    public static LabelScorer Load(Stream stream)
    {
        var ml = new MLContext();
        var model = ml.Model.Load(stream, out var inputSchema);
        return new LabelScorer(ml, model, inputSchema);
    }

    /// <summary>Writes the trained model (ML.NET's own zip format).</summary>
    public void Save(Stream stream) => _ml.Model.Save(_model, _inputSchema, stream);

    /// <summary>The probability of every label; <paramref name="modelText"/> is <see cref="TextNormalizer.ForModel"/> output.</summary>
    public IReadOnlyDictionary<string, double> Score(string modelText)
    {
        var engine = _engines.Get();
        float[] scores;
        try
        {
            scores = engine.Predict(new IntentModelInput { Text = modelText }).Score;
        }
        finally
        {
            _engines.Return(engine);
        }

        var result = new Dictionary<string, double>(_labels.Length, StringComparer.Ordinal);
        for (var i = 0; i < _labels.Length && i < scores.Length; i++)
        {
            result[_labels[i]] = scores[i];
        }

        return result;
    }

    private static TextFeaturizingEstimator.Options FeaturizerOptions() => new()
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

    private static SdcaMaximumEntropyMulticlassTrainer.Options TrainerOptions() => new()
    {
        LabelColumnName = "Label",
        FeatureColumnName = "Features",
        ExampleWeightColumnName = "Weight",
        NumberOfThreads = 1,
        MaximumNumberOfIterations = 40,
        L2Regularization = 1e-5f,
    };

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<IntentModelInput, IntentModelOutput>>
    {
        public override PredictionEngine<IntentModelInput, IntentModelOutput> Create() =>
            ml.Model.CreatePredictionEngine<IntentModelInput, IntentModelOutput>(model);

        public override bool Return(PredictionEngine<IntentModelInput, IntentModelOutput> obj) => true;
    }
}
