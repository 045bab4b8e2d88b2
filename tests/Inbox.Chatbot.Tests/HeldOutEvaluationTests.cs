using Inbox.Chatbot.Local;
using Inbox.Chatbot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Inbox.Chatbot.Tests;

public sealed class HeldOutEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Local_engine_meets_the_targets_on_the_held_out_set()
    {
        var heldOut = IntentDataSet.LoadHeldOut();
        var report = await IntentEvaluation.EvaluateAsync(text => SharedClassifier.Instance.ClassifyAsync(text), heldOut);

        output.WriteLine($"accuracy {report.Accuracy:P1}, fraud recall {report.RecallOf(Intents.Fraud):P1}, fraud precision {report.PrecisionOf(Intents.Fraud):P1}");
        output.WriteLine(string.Join(", ", report.PerLanguage.Select(l => $"{l.Language} {l.Accuracy:P1} of {l.Total}")));
        foreach (var error in report.Errors)
        {
            output.WriteLine($"{error.Expected} -> {error.Predicted} ({error.Source}): {error.Text}");
        }

        Assert.True(heldOut.Count >= 150, $"held-out set has {heldOut.Count} phrases");
        Assert.True(report.Accuracy >= 0.95, $"accuracy {report.Accuracy:P1} < 95%");
        Assert.True(report.RecallOf(Intents.Fraud) >= 0.98, $"fraud recall {report.RecallOf(Intents.Fraud):P1} < 98%");
        Assert.True(report.PrecisionOf(Intents.Fraud) >= 0.95, $"fraud precision {report.PrecisionOf(Intents.Fraud):P1} < 95%");
        Assert.All(report.PerLanguage, l => Assert.True(l.Total >= 50, $"only {l.Total} held-out phrases in {l.Language}"));
        Assert.All(report.PerLanguage, l => Assert.True(l.Accuracy >= 0.9, $"accuracy in {l.Language} {l.Accuracy:P1} < 90%"));
    }

    [Fact]
    public async Task Local_bot_plays_every_held_out_conversation_as_expected()
    {
        var conversations = ConversationEvaluation.LoadHeldOut();
        var report = await ConversationEvaluation.EvaluateAsync(Bots.Local(), conversations);

        foreach (var failure in report.Failures)
        {
            output.WriteLine($"\"{failure.Conversation}\" turn {failure.Turn}: expected {failure.Expected}; got {failure.Got}");
        }

        Assert.True(conversations.Count >= 10, $"{conversations.Count} conversations");
        Assert.Contains(conversations, c => c.Turns.Any(t => t.SharesIdentity is not null));
        Assert.Contains(conversations, c => c.Turns.Any(t => t.PossibleVictim) && c.Turns.Count >= 3);
        Assert.Empty(report.Failures);
        Assert.Equal(conversations.Sum(c => c.Turns.Count), report.PassedTurns);
    }

    [Fact]
    public async Task Conversation_evaluation_counts_a_turn_that_does_not_hand_off()
    {
        var conversations = ConversationEvaluation.Parse("""
            // a victim who is not handed off is a failure
            [ { "name": "victim", "turns": [
                { "text": "hello", "intent": "any" },
                { "text": "I gave them the code", "intent": "fraud", "subIntent": "fraud_already_victim", "handOff": true, "possibleVictim": true } ] } ]
            """);
        var report = await ConversationEvaluation.EvaluateAsync(new AlwaysOtherBot(), conversations);

        Assert.Equal(1, report.PassedTurns);
        Assert.Equal(0, report.PassedConversations);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(2, failure.Turn);
        Assert.False(report.AllPassed);
    }

    [Fact]
    public void A_conversation_turn_without_an_intent_is_rejected()
    {
        Assert.Throws<FormatException>(() => ConversationEvaluation.Parse("""[ { "name": "x", "turns": [ { "text": "hi" } ] } ]"""));
    }

    [Fact]
    public void Training_never_sees_the_held_out_phrases()
    {
        var training = IntentDataSet.LoadTraining().Select(e => Text.TextNormalizer.Basic(e.Text)).ToHashSet(StringComparer.Ordinal);
        var overlap = IntentDataSet.LoadHeldOut().Where(e => training.Contains(Text.TextNormalizer.Basic(e.Text))).Select(e => e.Text).ToList();

        Assert.Empty(overlap);
    }

    [Fact]
    public void Data_set_is_multilingual_and_large_enough()
    {
        var all = IntentDataSet.LoadTraining().Concat(IntentDataSet.LoadHeldOut()).ToList();
        var languages = all.GroupBy(e => Text.LanguageDetector.Detect(e.Text)).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(all.Count >= 400, $"{all.Count} phrases");
        Assert.True(languages.GetValueOrDefault("ru") >= 100, "Russian");
        Assert.True(languages.GetValueOrDefault("uk") >= 100, "Ukrainian");
        Assert.True(languages.GetValueOrDefault("en") >= 100, "English");
        Assert.All(all, e => Assert.True(Intents.ToTopLevel(e.Label) != Intents.Other || e.Label is "other" or "quiz", e.Label));
        foreach (var sub in Intents.FraudSubIntents)
        {
            Assert.Contains(all, e => e.Label == sub);
        }
    }

    [Fact]
    public async Task Evaluation_counts_a_wrong_answer()
    {
        var examples = new[] { new LabelledText("fraud_code_request", "a"), new LabelledText("order_status", "b") };
        var report = await IntentEvaluation.EvaluateAsync(_ => ValueTask.FromResult(new IntentPrediction(Intents.OrderStatus, null, 1, "model")), examples);

        Assert.Equal(0.5, report.Accuracy);
        Assert.Equal(0, report.RecallOf(Intents.Fraud));
        Assert.Equal(1, report.RecallOf(Intents.OrderStatus));
        Assert.Equal(1, report.Confusion[1][0]);
    }

    [Fact]
    public async Task Evaluation_reports_fraud_precision_and_accuracy_per_language()
    {
        var examples = new[]
        {
            new LabelledText("fraud_code_request", "просят код из смс"),
            new LabelledText("order_status", "where is my order"),
            new LabelledText("order_status", "де моє замовлення"),
        };
        var report = await IntentEvaluation.EvaluateAsync(_ => ValueTask.FromResult(new IntentPrediction(Intents.Fraud, null, 1, "model")), examples);

        Assert.Equal(1.0 / 3, report.PrecisionOf(Intents.Fraud), 3);
        Assert.Equal(1, report.AccuracyIn("ru"));
        Assert.Equal(0, report.AccuracyIn("uk"));
        Assert.Equal(0, report.AccuracyIn("en"));
        Assert.Equal(["ru", "uk", "en"], report.PerLanguage.Select(l => l.Language));
    }

    [Theory]
    [InlineData("gde moi zakaz", Intents.OrderStatus)]
    [InlineData("где мой закза 1048576", Intents.OrderStatus)]
    [InlineData("де моє замовлення", Intents.OrderStatus)]
    [InlineData("wheres my ordr", Intents.OrderStatus)]
    [InlineData("Звонил курьер по заказу 1048576, просит продиктовать код из смс", Intents.Fraud)]
    [InlineData("курьер говорит, что заказ MV-2231187 не отдаст без кода", Intents.Fraud)]
    [InlineData("a woman called about order 1048576 and wants the code from the text", Intents.Fraud)]
    [InlineData("позовите живого человека", Intents.Human)]
    [InlineData("спасибо", Intents.Other)]
    public async Task Classifies_typos_transliteration_and_scam_stories_that_mention_an_order(string text, string intent)
    {
        Assert.Equal(intent, (await SharedClassifier.Instance.ClassifyAsync(text)).Intent);
    }
}
