using System.Diagnostics;
using System.Globalization;
using Inbox.Chatbot;
using Inbox.Chatbot.Local;

/// <summary>
/// <c>--latency</c>: times one classification and one whole Local answer (classification, dialogue rules, the demo order
/// lookup) per held-out phrase with a <see cref="Stopwatch"/>, after a warm-up round; then the same answers from
/// <see cref="ConcurrentConversations"/> conversations at once, as the host's bot workers ask. Prints p50 and p99 in milliseconds.
/// </summary>
internal static class LatencyMeasurement
{
    /// <summary>How many conversations answer at once in the concurrent round: the host's bot workers.</summary>
    public const int ConcurrentConversations = 4;

    private const int Rounds = 5;

    public static async Task PrintAsync(IntentClassifier classifier, IChatbot bot, IReadOnlyList<LabelledText> examples)
    {
        var texts = examples.Select(e => e.Text).ToArray();
        foreach (var text in texts)
        {
            await classifier.ClassifyAsync(text);
            await bot.HandleAsync(Request(text), CancellationToken.None);
        }

        var classifications = new List<double>();
        var answers = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var text in texts)
            {
                var started = Stopwatch.GetTimestamp();
                await classifier.ClassifyAsync(text);
                classifications.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                started = Stopwatch.GetTimestamp();
                await bot.HandleAsync(Request(text), CancellationToken.None);
                answers.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var concurrent = new List<double>();
        var gate = new Lock();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Rounds).SelectMany(_ => texts),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentConversations },
            async (text, ct) =>
            {
                var started = Stopwatch.GetTimestamp();
                await bot.HandleAsync(Request(text), ct);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (gate)
                {
                    concurrent.Add(elapsed);
                }
            });

        Console.WriteLine($"== Latency ({texts.Length} held-out phrases x {Rounds} rounds after a warm-up; {Environment.ProcessorCount} cores) ==");
        Print("classification", classifications);
        Print("answer", answers);
        Print($"answer, {ConcurrentConversations} conversations at once", concurrent);
        Console.WriteLine();
    }

    private static BotRequest Request(string text) =>
        new(Guid.NewGuid(), "telegram", text, [], null, BotMemory.Empty, null);

    private static void Print(string what, List<double> milliseconds)
    {
        milliseconds.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what,-40} p50 {Percentile(milliseconds, 0.50),7:0.000} ms   p99 {Percentile(milliseconds, 0.99),7:0.000} ms   max {milliseconds[^1],7:0.000} ms"));
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
