using System.Diagnostics;
using Serilog.Events;

namespace Inbox.Web.Logging;

/// <summary>
/// Drops the warning a clean start printed that says nothing about this run (so that a warning at start means something):
/// <list type="bullet">
/// <item>Orleans' watchdog "Participant check thread has not completed for 00:42:44": its platform thread starts before the
/// component thread's first timestamp is taken, and when it checks in between it measures from timestamp 0, i.e. the
/// machine's uptime. A stall longer than this process has lived cannot be real; a real stall (shorter) is still logged.</item>
/// <item>Data protection's "No XML encryptor configured" (once per new key): <c>KeyRingWarning</c> says it once at every
/// start, louder, naming the settings that encrypt the key ring.</item>
/// </list>
/// </summary>
public static class StartupNoiseFilter
{
    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static bool IsNoise(LogEvent logEvent) => IsImpossibleWatchdogStall(logEvent) || IsUnencryptedKeyNotice(logEvent) || IsStillStarting(logEvent);

    /// <summary>
    /// The health checks' error line for each readiness probe while the node is still starting: the bot's model loads or
    /// trains, or the node joins the live events. The node says it is not ready yet, which is no error (a model that
    /// failed still is one).
    /// </summary>
    public static bool IsStillStarting(LogEvent logEvent)
    {
        if (Source(logEvent) != "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService")
        {
            return false;
        }

        var message = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        return message.Contains(Health.ChatbotHealthCheck.Loading, StringComparison.Ordinal)
            || message.Contains(Health.LiveEventsHealthCheck.Subscribing, StringComparison.Ordinal);
    }

    public static bool IsUnencryptedKeyNotice(LogEvent logEvent) =>
        Source(logEvent) == "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"
        && logEvent.MessageTemplate.Text.StartsWith("No XML encryptor configured", StringComparison.Ordinal);

    public static bool IsImpossibleWatchdogStall(LogEvent logEvent) =>
        Source(logEvent) == "Orleans.Runtime.Watchdog"
        && logEvent.MessageTemplate.Text.StartsWith("Participant check thread has not completed", StringComparison.Ordinal)
        && logEvent.Properties.TryGetValue("TimeSinceLastTick", out var value)
        && value is ScalarValue { Value: TimeSpan stall }
        && stall > DateTime.UtcNow - ProcessStart;

    private static string? Source(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string name } ? name : null;
}
