using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// A first start with the bot on loads the intent model shipped with the program (no training) while <c>/health/ready</c>
/// may answer 503: that is the node saying "not yet", and the log an operator reads at start holds no error for it.
/// </summary>
public sealed class CleanStartLogTests
{
    [Fact]
    public async Task A_first_start_loads_the_shipped_model_without_training_and_logs_no_error_while_it_is_not_ready()
    {
        var folder = InboxProcess.NewDataFolder();
        var model = Path.Combine(folder, "intent-model.bin");

        // StartAsync polls /health/ready until it answers 200; until the model is loaded the answers are 503.
        using var inbox = await InboxProcess.StartAsync(Path.Combine(folder, "inbox.db"), FreePort.Next(), FreePort.Next(), FreePort.Next(),
            [$"--Chatbot:ModelCache={model}"]);

        Assert.True(File.Exists(model), "The model was not kept.");
        Assert.Contains("loaded from the shipped model", inbox.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("training", inbox.Output, StringComparison.Ordinal);
        var errors = inbox.Output.Split('\n').Where(l => l.Contains(" ERR] ", StringComparison.Ordinal)).ToList();
        Assert.Empty(errors);
    }
}
