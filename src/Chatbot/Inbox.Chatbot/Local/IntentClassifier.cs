using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The Local engine's classifier: the ML.NET <see cref="IntentModel"/> trained on the shipped <c>train.tsv</c>, combined with
/// <see cref="IntentRules"/> where they are clearly right (the customer's own late courier, delivery slot, missing notification or
/// double charge with no fraud trigger; possible victim, a bare "someone called me", someone asking for a code or card data, an explicit request for a person
/// or for the quiz, an order number in an otherwise unclear message, small talk). A leading "Сообщение номер 2:" is dropped first.
/// </summary>
public sealed class IntentClassifier
{
    /// <summary>Below this model confidence the bot treats a message as not understood.</summary>
    public const double UnsureThreshold = 0.35;

    private readonly Task<IntentModel> _model;

    private IntentClassifier(Task<IntentModel> model)
    {
        _model = model;
    }

    /// <summary>Trains now, on the given examples.</summary>
    public static IntentClassifier Train(IEnumerable<LabelledText> examples) => new(Task.FromResult(IntentModel.Train(examples)));

    /// <summary>Starts training on the shipped training set on the thread pool and returns at once; classification waits for it.</summary>
    public static IntentClassifier StartTrainingOnShippedData() => new(Task.Run(() => IntentModel.Train(IntentDataSet.LoadTraining())));

    /// <summary>
    /// Starts, on the thread pool, loading the model for the shipped training set from <paramref name="cache"/>, else from the
    /// model shipped with it (or training it and writing the file when neither holds it), and returns at once; classification waits for it.
    /// </summary>
    public static IntentClassifier StartLoadingShippedModel(IntentModelCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return new(Task.Run(() => cache.LoadOrTrain(IntentDataSet.LoadTraining(), shipped: IntentDataSet.LoadShippedModel()).Model));
    }

    /// <summary>A classifier over a model that another part makes (a host that loads it its own way); classification waits for it.</summary>
    public static IntentClassifier Over(Task<IntentModel> model) => new(model ?? throw new ArgumentNullException(nameof(model)));

    /// <summary>Whether the model is there: classification answers at once.</summary>
    public bool IsReady => _model.IsCompletedSuccessfully;

    /// <summary>Why the model could not be made, when loading and training failed; <c>null</c> while it is being made and once it is there.</summary>
    public Exception? Failure => _model.Exception?.GetBaseException();

    /// <summary>Completes when the model is there (throws what training threw when it failed).</summary>
    public Task WaitUntilReadyAsync(CancellationToken cancellationToken = default) => _model.WaitAsync(cancellationToken);

    /// <summary>Classifies one message with the model and the rules (waits for training if needed, without holding a thread).</summary>
    public async ValueTask<IntentPrediction> ClassifyAsync(string? text, CancellationToken cancellationToken = default) =>
        Classify(await _model.WaitAsync(cancellationToken).ConfigureAwait(false), text);

    /// <summary>Classifies with the models alone (for the evaluation's comparison).</summary>
    public async ValueTask<IntentPrediction> ClassifyModelOnlyAsync(string? text, CancellationToken cancellationToken = default) =>
        ClassifyModelOnly(await _model.WaitAsync(cancellationToken).ConfigureAwait(false), IntentRules.WithoutMessageNumber(text ?? string.Empty));

    private static IntentPrediction Classify(IntentModel trained, string? text)
    {
        text = IntentRules.WithoutMessageNumber(text ?? string.Empty);
        var normalized = TextNormalizer.Basic(text);
        if (normalized.Length == 0)
        {
            return new IntentPrediction(Intents.Other, null, 1.0, "rule:empty");
        }

        if (IntentRules.IsOwnDeliveryQuestion(normalized))
        {
            return new IntentPrediction(Intents.OrderStatus, null, 1.0, "rule:own-order");
        }

        if (IntentRules.IsDoubleChargeComplaint(normalized))
        {
            return new IntentPrediction(Intents.Human, null, 1.0, "rule:double-charge");
        }

        if (IntentRules.IsPossibleVictim(normalized))
        {
            return new IntentPrediction(Intents.Fraud, Intents.FraudAlreadyVictim, 1.0, "rule:victim");
        }

        var model = ClassifyModelOnly(trained, text);
        if (IntentRules.IsSecretRequest(normalized))
        {
            var sub = model.Intent == Intents.Fraud ? model.SubIntent : BestFraudSubIntent(trained, text, includeVictim: false);
            return new IntentPrediction(Intents.Fraud, sub ?? Intents.FraudCodeRequest, 1.0, "rule:secret-request");
        }

        if (IntentRules.IsSmallTalk(normalized))
        {
            return new IntentPrediction(Intents.Other, null, 1.0, "rule:small-talk");
        }

        if (IntentRules.ScamMarker(normalized) is { } marker)
        {
            return new IntentPrediction(Intents.Fraud, marker, 1.0, "rule:scam-marker");
        }

        if (IntentRules.IsBareCallReport(normalized))
        {
            return new IntentPrediction(Intents.Fraud, Intents.FraudVerifyCall, 1.0, "rule:call-report");
        }

        if (IntentRules.IsHumanRequest(normalized))
        {
            return new IntentPrediction(Intents.Human, null, 1.0, "rule:human");
        }

        if (IntentRules.IsQuizRequest(normalized))
        {
            return new IntentPrediction(Intents.Other, Intents.Quiz, 1.0, "rule:quiz");
        }

        if (model.Intent == Intents.Other && model.SubIntent is null && OrderNumberExtractor.Extract(text).Count > 0)
        {
            return new IntentPrediction(Intents.OrderStatus, null, 1.0, "rule:order-number");
        }

        return model;
    }

    private static IntentPrediction ClassifyModelOnly(IntentModel model, string? text)
    {
        var scores = model.ScoreIntents(text ?? string.Empty);
        var (best, confidence) = scores.MaxBy(s => s.Value);
        if (best == Intents.Quiz)
        {
            return new IntentPrediction(Intents.Other, Intents.Quiz, confidence, "model");
        }

        var subIntent = best == Intents.Fraud ? BestFraudSubIntent(model, text, includeVictim: true) : null;
        return new IntentPrediction(best, subIntent, confidence, "model");
    }

    private static string? BestFraudSubIntent(IntentModel model, string? text, bool includeVictim)
    {
        var scores = model.ScoreFraudSubIntents(text ?? string.Empty);
        var candidates = scores.Where(s => includeVictim || s.Key != Intents.FraudAlreadyVictim).ToArray();
        return candidates.Length == 0 ? null : candidates.MaxBy(s => s.Value).Key;
    }
}
