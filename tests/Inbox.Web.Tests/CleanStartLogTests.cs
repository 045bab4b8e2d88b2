using Inbox.Web.Tests.Infrastructure;

namespace Inbox.Web.Tests;

/// <summary>
/// A first start with the bot on trains its intent model while <c>/health/ready</c> answers 503: that is the node saying
/// "not yet", and the log an operator reads at start holds no error for it.
/// </summary>
public sealed class CleanStartLogTests
{
    [Fact]
    public async Task A_first_start_that_trains_the_bots_model_logs_no_error_while_it_is_not_ready()
    {
        var folder = InboxProcess.NewDataFolder();
        var model = Path.Combine(folder, "intent-model.bin");

        // StartAsync polls /health/ready until it answers 200; with no model file the first answers are 503.
        using var inbox = await InboxProcess.StartAsync(Path.Combine(folder, "inbox.db"), FreePort.Next(), FreePort.Next(), FreePort.Next(),
            [$"--Chatbot:ModelCache={model}"]);

        Assert.True(File.Exists(model), "The trained model was not kept.");
        Assert.Contains("training", inbox.Output, StringComparison.Ordinal);
        var errors = inbox.Output.Split('\n').Where(l => l.Contains(" ERR] ", StringComparison.Ordinal)).ToList();
        Assert.Empty(errors);
    }
}
