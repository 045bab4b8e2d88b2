using Inbox.Chatbot.Local;

namespace Inbox.Chatbot.Tests.Infrastructure;

/// <summary>One classifier trained on the shipped training set for the whole test run (training takes a few seconds).</summary>
public static class SharedClassifier
{
    private static readonly Lazy<IntentClassifier> LazyInstance = new(IntentClassifier.TrainOnShippedData, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IntentClassifier Instance => LazyInstance.Value;
}
