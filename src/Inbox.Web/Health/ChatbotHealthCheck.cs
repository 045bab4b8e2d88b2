using Inbox.Chatbot.Local;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Health;

/// <summary>
/// Ready when the bot can answer: its intent model (used by the Local engine, and by the AzureOpenAI engine for the intent and
/// the fallback) is loaded or trained. Until then customers' messages are still taken and stored; the bot answers them once the
/// model is there.
/// </summary>
public sealed class ChatbotHealthCheck(IntentClassifier classifier) : IHealthCheck
{
    /// <summary>What the check says while the model is on its way: normal at start, so not logged as an error (<see cref="Logging.StartupNoiseFilter"/>).</summary>
    public const string Loading = "The chatbot's intent model is still loading or training; messages wait for it.";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            classifier.IsReady ? HealthCheckResult.Healthy()
            : classifier.Failure is { } failure ? HealthCheckResult.Unhealthy("The chatbot's intent model could not be loaded or trained.", failure)
            : HealthCheckResult.Unhealthy(Loading));
}
