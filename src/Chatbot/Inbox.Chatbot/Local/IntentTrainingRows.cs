using System.Security.Cryptography;
using System.Text;
using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// What the two models of <see cref="IntentModel"/> are trained on, made from labelled phrases: every text normalised by
/// <see cref="TextNormalizer.ForModel"/>, a Latin transliteration added for every Cyrillic phrase, the top model's labels
/// (top-level intents plus <c>quiz</c>) and the fraud model's (the sub-intents, from the fraud phrases).
/// </summary>
internal sealed class IntentTrainingRows
{
    private IntentTrainingRows(IReadOnlyList<IntentModelInput> top, IReadOnlyList<IntentModelInput> fraud)
    {
        Top = top;
        Fraud = fraud;
    }

    public IReadOnlyList<IntentModelInput> Top { get; }

    public IReadOnlyList<IntentModelInput> Fraud { get; }

    /// <exception cref="ArgumentException">The phrases name fewer than two fraud sub-intents.</exception>
    public static IntentTrainingRows From(IEnumerable<LabelledText> examples)
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

        return new IntentTrainingRows(top, fraud);
    }

    /// <summary>
    /// SHA-256 over the rows exactly as the trainer gets them, the seed and the trainer's settings (<see cref="LabelScorer.TrainerDescription"/>):
    /// the same key means training would make the same model.
    /// </summary>
    public byte[] Key(int seed)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, LabelScorer.TrainerDescription);
        Append(hash, seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, rows) in new[] { ("top", Top), ("fraud", Fraud) })
        {
            Append(hash, name);
            Append(hash, rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var row in rows)
            {
                Append(hash, row.Label);
                Append(hash, row.Text);
            }
        }

        return hash.GetHashAndReset();
    }

    // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }
}
