using Inbox.Chatbot.Local;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>
/// One classifier for the whole test run, with the model for the shipped training set from one file in the temp folder, kept
/// between runs: trained (seconds) only when the file does not hold the model for today's phrases and trainer — the file's key
/// makes that check — and loaded otherwise, as a node's later starts do.
/// </summary>
public static class SharedClassifier
{
    public static readonly string ModelFile = Path.Combine(Path.GetTempPath(), "inbox-chatbot-tests", "intent-model.bin");

    private static readonly Lazy<IntentClassifier> LazyInstance = new(
        () => IntentClassifier.Over(Task.FromResult(new IntentModelCache(ModelFile).LoadOrTrain(IntentDataSet.LoadTraining()).Model)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static IntentClassifier Instance => LazyInstance.Value;
}
