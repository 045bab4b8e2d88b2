using System.Diagnostics;
using System.Globalization;
using Inbox.Chatbot;
using Inbox.Chatbot.Local;
using Inbox.Orders;

// Usage: dotnet run --project src/Chatbot/Inbox.Chatbot.Evaluation -- [labelled.tsv [conversations.json]] [--errors] [--latency]
//        dotnet run --project src/Chatbot/Inbox.Chatbot.Evaluation -- --write-model src/Chatbot/Inbox.Chatbot/Data/intent-model.bin
// --write-model trains on the shipped train.tsv and writes the model that ships with it (run it after changing train.tsv;
// a test says when it is due) and does nothing else.
// Trains the Local classifier on the shipped train.tsv (exactly as the bot does at startup), scores it on the TSV (default: the
// shipped held-out set, which training never sees) and plays the held-out conversations through the Local bot with the demo
// orders. --latency also times each classification and answer (p50, p99). Exit code 0 when the targets are met, 1 when not, 2 on bad input.
if (Array.IndexOf(args, "--write-model") is var writeAt and >= 0)
{
    if (writeAt + 1 >= args.Length)
    {
        Console.Error.WriteLine("--write-model needs the file to write");
        return 2;
    }

    var model = new IntentModelCache(args[writeAt + 1]).LoadOrTrain(IntentDataSet.LoadTraining());
    Console.WriteLine($"{args[writeAt + 1]}: {(model.FromCache ? "already made for the shipped phrases" : "trained and written")}");
    return 0;
}

var showErrors = args.Contains("--errors", StringComparer.Ordinal);
var measureLatency = args.Contains("--latency", StringComparer.Ordinal);
var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
var path = paths.Length > 0 ? paths[0] : IntentDataSet.HeldOutPath;
var conversationsPath = paths.Length > 1 ? paths[1] : ConversationEvaluation.HeldOutPath;

IReadOnlyList<LabelledText> examples;
IReadOnlyList<ConversationCase> conversations;
try
{
    examples = IntentDataSet.LoadFile(path);
    conversations = ConversationEvaluation.LoadFile(conversationsPath);
}
catch (Exception exception) when (exception is IOException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot read {path} or {conversationsPath}: {exception.Message}");
    return 2;
}

var training = IntentDataSet.LoadTraining();
var stopwatch = Stopwatch.StartNew();
var classifier = IntentClassifier.Train(training);
stopwatch.Stop();

var culture = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(culture, $"Local classifier: trained on {training.Count} shipped phrases in {stopwatch.Elapsed.TotalSeconds:0.0} s"));
Console.WriteLine($"Evaluated on: {path} ({examples.Count} phrases)");
Console.WriteLine();

var modelOnly = await IntentEvaluation.EvaluateAsync(text => classifier.ClassifyModelOnlyAsync(text), examples);
var report = await IntentEvaluation.EvaluateAsync(text => classifier.ClassifyAsync(text), examples);

Print("Model + rules (what the bot uses)", report);
Print("Model alone (for comparison)", modelOnly);

if (showErrors || report.Errors.Count <= 20)
{
    Console.WriteLine("Misclassified (model + rules):");
    foreach (var error in report.Errors)
    {
        Console.WriteLine(string.Create(culture, $"  expected {error.Expected,-26} got {error.Predicted,-26} {error.Confidence:0.00} {error.Source,-20} {error.Text}"));
    }

    Console.WriteLine();
}

var conversationReport = await ConversationEvaluation.EvaluateAsync(new LocalChatbot(classifier, FileOrderProvider.Demo()), conversations);
Console.WriteLine($"== Whole conversations through the Local bot: {conversationsPath} ==");
Console.WriteLine($"Conversations: {conversationReport.PassedConversations}/{conversationReport.Conversations} as expected; turns: {conversationReport.PassedTurns}/{conversationReport.Turns}");
foreach (var failure in conversationReport.Failures)
{
    Console.WriteLine($"  \"{failure.Conversation}\" turn {failure.Turn}: expected {failure.Expected}; got {failure.Got} — {failure.Text}");
}

Console.WriteLine();

if (measureLatency)
{
    await LatencyMeasurement.PrintAsync(classifier, new LocalChatbot(classifier, FileOrderProvider.Demo()), examples);
}

var fraudRecall = report.RecallOf(Intents.Fraud);
var fraudPrecision = report.PrecisionOf(Intents.Fraud);
var met = report.Accuracy >= 0.95 && fraudRecall >= 0.98 && fraudPrecision >= 0.95 && conversationReport.AllPassed;
Console.WriteLine(string.Create(
    culture,
    $"Targets (accuracy >= 95%, fraud recall >= 98%, fraud precision >= 95%, every conversation turn as expected): {(met ? "met" : "NOT met")} — accuracy {report.Accuracy:P1}, fraud recall {fraudRecall:P1}, fraud precision {fraudPrecision:P1}, conversation turns {conversationReport.PassedTurns}/{conversationReport.Turns}"));
return met ? 0 : 1;

void Print(string title, EvaluationReport r)
{
    Console.WriteLine($"== {title} ==");
    Console.WriteLine(string.Create(culture, $"Accuracy: {r.Accuracy:P1} ({(int)Math.Round(r.Accuracy * r.Total)}/{r.Total})"));
    if (r.SubIntentTotal > 0)
    {
        Console.WriteLine(string.Create(culture, $"Sub-intent accuracy (fraud_* and quiz): {r.SubIntentAccuracy:P1} of {r.SubIntentTotal}"));
    }

    Console.WriteLine(string.Create(culture, $"Fraud: precision {r.PrecisionOf(Intents.Fraud):P1}, recall {r.RecallOf(Intents.Fraud):P1}"));
    Console.WriteLine("Accuracy per language (as LanguageDetector reads each phrase): " +
        string.Join(", ", r.PerLanguage.Select(l => string.Create(culture, $"{l.Language} {l.Accuracy:P1} ({l.Correct}/{l.Total})"))));
    Console.WriteLine($"{"intent",-14}{"precision",10}{"recall",10}{"support",9}");
    foreach (var score in r.PerIntent)
    {
        Console.WriteLine(string.Create(culture, $"{score.Intent,-14}{score.Precision,10:P1}{score.Recall,10:P1}{score.Support,9}"));
    }

    Console.WriteLine();
    Console.WriteLine("Confusion matrix (rows: expected, columns: predicted)");
    Console.WriteLine($"{string.Empty,-14}" + string.Concat(r.Intents.Select(i => $"{i,14}")));
    for (var row = 0; row < r.Intents.Count; row++)
    {
        Console.WriteLine($"{r.Intents[row],-14}" + string.Concat(r.Confusion[row].Select(v => $"{v,14}")));
    }

    Console.WriteLine();
}
