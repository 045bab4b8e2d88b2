using Inbox.Chatbot.Local;

namespace Inbox.Chatbot.Tests;

/// <summary>
/// The trained model kept on disk: a later start loads it and answers the same; other training data, a damaged, truncated or
/// foreign file, or two nodes writing at once, train again or share the file, and never fail. Trained on a quarter of the
/// shipped phrases, to keep the tests short.
/// </summary>
public sealed class IntentModelCacheTests : IDisposable
{
    private static readonly IReadOnlyList<LabelledText> Phrases = IntentDataSet.LoadTraining().Where((_, i) => i % 4 == 0).ToList();

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbox-chatbot-tests", Guid.NewGuid().ToString("N"));

    private string ModelFile => Path.Combine(_folder, "models", "intent-model.bin");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_start_loads_the_file_without_rewriting_it_and_answers_as_the_trained_model()
    {
        var trained = new IntentModelCache(ModelFile).LoadOrTrain(Phrases);
        var written = File.GetLastWriteTimeUtc(ModelFile);
        var content = await File.ReadAllBytesAsync(ModelFile);

        var loaded = new IntentModelCache(ModelFile).LoadOrTrain(Phrases);

        Assert.False(trained.FromCache);
        Assert.True(loaded.FromCache);
        Assert.Equal(written, File.GetLastWriteTimeUtc(ModelFile));
        Assert.Equal(content, await File.ReadAllBytesAsync(ModelFile));
        var before = IntentClassifier.Over(Task.FromResult(trained.Model));
        var after = IntentClassifier.Over(Task.FromResult(loaded.Model));
        foreach (var phrase in IntentDataSet.LoadHeldOut())
        {
            var expected = await before.ClassifyAsync(phrase.Text);
            var actual = await after.ClassifyAsync(phrase.Text);
            Assert.Equal((expected.Intent, expected.SubIntent, expected.Source), (actual.Intent, actual.SubIntent, actual.Source));
            Assert.Equal(expected.Confidence, actual.Confidence, 6);
        }
    }

    [Fact]
    public void Changed_training_phrases_train_again_and_replace_the_file()
    {
        new IntentModelCache(ModelFile).LoadOrTrain(Phrases);
        var changed = Phrases.Append(new LabelledText(Intents.OrderStatus, "когда привезут мою посылку")).ToList();

        var retrained = new IntentModelCache(ModelFile).LoadOrTrain(changed);
        var reloaded = new IntentModelCache(ModelFile).LoadOrTrain(changed);

        Assert.False(retrained.FromCache);
        Assert.True(reloaded.FromCache);
        Assert.False(new IntentModelCache(ModelFile).LoadOrTrain(Phrases).FromCache);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("one byte changed")]
    [InlineData("empty")]
    [InlineData("another program's file")]
    public async Task A_damaged_or_foreign_file_is_trained_again_and_replaced(string damage)
    {
        new IntentModelCache(ModelFile).LoadOrTrain(Phrases);
        var good = await File.ReadAllBytesAsync(ModelFile);
        byte[] bad = damage switch
        {
            "truncated" => good[..(good.Length / 2)],
            "one byte changed" => Flip(good, good.Length / 3),
            "empty" => [],
            _ => "PK\u0003\u0004 not an intent model, but a zip's first bytes"u8.ToArray(),
        };
        await File.WriteAllBytesAsync(ModelFile, bad);

        var afterDamage = new IntentModelCache(ModelFile).LoadOrTrain(Phrases);
        var next = new IntentModelCache(ModelFile).LoadOrTrain(Phrases);

        Assert.False(afterDamage.FromCache);
        Assert.Equal(Intents.OrderStatus, (await IntentClassifier.Over(Task.FromResult(afterDamage.Model)).ClassifyAsync("где мой заказ?")).Intent);
        Assert.True(next.FromCache);
    }

    [Fact]
    public async Task Two_nodes_starting_on_one_folder_at_once_both_answer_and_leave_one_whole_file()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new IntentModelCache(ModelFile).LoadOrTrain(Phrases))));

        Assert.All(starts, s => Assert.Contains(Intents.Fraud, s.Model.TopLabels));
        Assert.True(new IntentModelCache(ModelFile).LoadOrTrain(Phrases).FromCache);
        Assert.Equal([ModelFile], Directory.GetFiles(Path.GetDirectoryName(ModelFile)!));
    }

    [Fact]
    public async Task The_model_shipped_with_the_phrases_was_made_from_them_so_a_first_start_loads_it_instead_of_training()
    {
        var first = new IntentModelCache(ModelFile).LoadOrTrain(IntentDataSet.LoadTraining(), shipped: IntentDataSet.LoadShippedModel());

        Assert.True(first.FromCache,
            $"train.tsv changed since the shipped model was made: run dotnet run --project src/Chatbot/Inbox.Chatbot.Evaluation -- --write-model {IntentDataSet.ShippedModelSource}");
        Assert.Equal(Intents.OrderStatus, (await IntentClassifier.Over(Task.FromResult(first.Model)).ClassifyAsync("где мой заказ?")).Intent);
        Assert.Equal(IntentDataSet.LoadShippedModel(), await File.ReadAllBytesAsync(ModelFile)); // kept as the node's own file
        Assert.True(new IntentModelCache(ModelFile).LoadOrTrain(IntentDataSet.LoadTraining()).FromCache);
    }

    [Fact]
    public void A_shipped_model_made_from_other_phrases_is_not_used()
    {
        var fromAQuarter = Path.Combine(_folder, "quarter.bin");
        new IntentModelCache(fromAQuarter).LoadOrTrain(Phrases);
        var otherPhrases = Phrases.Where((_, i) => i % 2 == 0).ToList();

        var start = new IntentModelCache(ModelFile).LoadOrTrain(otherPhrases, shipped: File.ReadAllBytes(fromAQuarter));

        Assert.False(start.FromCache);
        Assert.True(File.Exists(ModelFile), "the model trained instead was not kept");
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0xFF;
        return copy;
    }
}
