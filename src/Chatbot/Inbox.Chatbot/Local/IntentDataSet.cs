namespace Inbox.Chatbot.Local;

/// <summary>
/// The labelled data set shipped with the library: <c>Data/train.tsv</c> (embedded in the assembly, what the Local engine trains on)
/// and <c>Data/heldout.tsv</c> (copied next to the assembly, never used for training). Lines are <c>label&lt;TAB&gt;text</c>;
/// empty lines and lines starting with <c>#</c> are skipped.
/// </summary>
public static class IntentDataSet
{
    private const string TrainResource = "Inbox.Chatbot.Data.train.tsv";
    private const string ModelResource = "Inbox.Chatbot.Data.intent-model.bin";

    /// <summary>Where the shipped model is made (<c>--write-model</c> of Inbox.Chatbot.Evaluation), relative to the repository.</summary>
    public const string ShippedModelSource = "src/Chatbot/Inbox.Chatbot/Data/intent-model.bin";

    /// <summary>The path of the shipped held-out set next to the library.</summary>
    public static string HeldOutPath => Path.Combine(AppContext.BaseDirectory, "Data", "heldout.tsv");

    /// <summary>The training part, read from the embedded resource.</summary>
    public static IReadOnlyList<LabelledText> LoadTraining()
    {
        using var stream = typeof(IntentDataSet).Assembly.GetManifestResourceStream(TrainResource)
            ?? throw new InvalidOperationException($"The embedded resource {TrainResource} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>
    /// The model trained on the shipped phrases, shipped with them (an <see cref="IntentModelCache"/> file) so that even a
    /// node's first start loads instead of training; empty when the build has none.
    /// </summary>
    public static byte[] LoadShippedModel()
    {
        using var stream = typeof(IntentDataSet).Assembly.GetManifestResourceStream(ModelResource);
        if (stream is null)
        {
            return [];
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The shipped held-out part.</summary>
    public static IReadOnlyList<LabelledText> LoadHeldOut() => LoadFile(HeldOutPath);

    /// <summary>Reads a labelled TSV file.</summary>
    public static IReadOnlyList<LabelledText> LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>Parses <c>label&lt;TAB&gt;text</c> lines.</summary>
    /// <exception cref="FormatException">A line has no tab or an empty label or text.</exception>
    public static IReadOnlyList<LabelledText> Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var result = new List<LabelledText>();
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new FormatException($"Line {lineNumber}: expected \"intent<TAB>text\".");
            }

            result.Add(new LabelledText(line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }

        return result;
    }
}
