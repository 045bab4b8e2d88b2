using System.Net;
using Inbox.Chatbot.Local;
using Inbox.Domain.Conversations;
using Inbox.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.Web.Tests;

/// <summary>
/// A node with the bot on is ready (<c>/health/ready</c>) only once the bot can answer; meanwhile customers' messages are taken
/// and answered when the model is there. The model (the shipped one on a first start) is kept next to the database: a restart
/// loads it, and neither start trains.
/// </summary>
public sealed class ChatbotReadinessTests
{
    /// <summary>How long a poll waits for a first start to train the model on a busy machine: a bound on waiting, not a speed target.</summary>
    private static readonly TimeSpan TrainingBound = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_node_is_not_ready_until_the_bot_can_answer_and_messages_taken_meanwhile_are_answered()
    {
        var model = new TaskCompletionSource<IntentModel>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await InboxServer.StartAsync(
            new Dictionary<string, string?> { ["Chatbot:Enabled"] = "true", ["Conversations:InitialStatus"] = "Bot" },
            builder => builder.Services.AddSingleton(IntentClassifier.Over(model.Task)));
        using var client = server.Client();
        using var api = server.Client(InboxServer.ApiToken);
        using var op = await server.OperatorClientAsync("operator");

        using var notReady = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("chatbot: Unhealthy", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The message is taken and stored while the model is missing.
        var asked = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576?", phone: "+7 916 123-45-67");
        var waiting = await op.ConversationAsync(asked.ConversationId);
        Assert.Equal(ConversationStatus.Bot, waiting.Conversation.Status);
        Assert.DoesNotContain(waiting.Messages, m => m.AuthorName == "bot");

        model.SetResult(new IntentModelCache(InboxServer.SharedModelCache).LoadOrTrain(IntentDataSet.LoadTraining()).Model);

        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        var answered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(asked.ConversationId), d => d.Messages.Any(m => m.AuthorName == "bot"));
        Assert.Equal("order_status", answered.Messages.Single(m => m.MessageId == asked.MessageId).BotDecision!.Intent);
    }

    [Fact]
    public async Task A_first_start_keeps_the_shipped_model_next_to_the_database_and_a_restart_loads_it_neither_training()
    {
        var folder = Path.Combine(Path.GetTempPath(), "inbox-web-tests", "model-" + Guid.NewGuid().ToString("N"));
        var modelFile = Path.Combine(folder, "intent-model.bin");
        var settings = new Dictionary<string, string?>
        {
            ["Chatbot:Enabled"] = "true",
            ["Storage:Sqlite:Path"] = Path.Combine(folder, "inbox.db"),
        };
        try
        {
            var firstLog = new CapturingLogger<IntentModelCache>();
            await using (var first = await StartWithOwnModelAsync(settings, firstLog))
            {
                await WaitUntilReadyAsync(first);
            }

            Assert.True(File.Exists(modelFile), "the model is kept next to the database");
            Assert.Contains(firstLog.Lines, l => l.Contains("shipped model", StringComparison.Ordinal) && l.Contains(modelFile, StringComparison.Ordinal));
            Assert.DoesNotContain(firstLog.Lines, l => l.Contains("trained", StringComparison.Ordinal));
            var written = File.GetLastWriteTimeUtc(modelFile);
            var content = await File.ReadAllBytesAsync(modelFile);

            var secondLog = new CapturingLogger<IntentModelCache>();
            await using (var second = await StartWithOwnModelAsync(settings, secondLog))
            {
                await WaitUntilReadyAsync(second);
                using var api = second.Client(InboxServer.ApiToken);
                using var op = await second.OperatorClientAsync("operator");
                var asked = await api.SendInboundAsync($"m-{Guid.NewGuid():N}", "Где мой заказ 1048576?", phone: "+7 916 123-45-67");
                var answered = await InboxApi.EventuallyAsync(() => op.ConversationAsync(asked.ConversationId), d => d.Messages.Any(m => m.AuthorName == "bot"));
                Assert.Equal("order_status", answered.Messages.Single(m => m.MessageId == asked.MessageId).BotDecision!.Intent);
            }

            Assert.Contains(secondLog.Lines, l => l.Contains("loaded from", StringComparison.Ordinal) && l.Contains(modelFile, StringComparison.Ordinal));
            Assert.DoesNotContain(secondLog.Lines, l => l.Contains("trained", StringComparison.Ordinal));
            Assert.Equal(written, File.GetLastWriteTimeUtc(modelFile));
            Assert.Equal(content, await File.ReadAllBytesAsync(modelFile));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<InboxServer> StartWithOwnModelAsync(Dictionary<string, string?> settings, CapturingLogger<IntentModelCache> log) =>
        InboxServer.StartAsync(settings, builder => builder.Services.AddSingleton<ILogger<IntentModelCache>>(log), ownChatbotModel: true);

    private static async Task WaitUntilReadyAsync(InboxServer server)
    {
        using var client = server.Client();
        var deadline = DateTime.UtcNow + TrainingBound;
        while (true)
        {
            using var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not ready: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(100);
        }
    }
}
