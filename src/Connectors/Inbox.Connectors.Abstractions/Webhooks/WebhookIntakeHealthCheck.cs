using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors.Webhooks;

/// <summary>Healthy while no queued request has failed for good; degraded, naming the sources, while dead letters are kept.</summary>
public sealed class WebhookIntakeHealthCheck(WebhookIntake intake) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dead = intake.DeadLetters;
        var data = new Dictionary<string, object> { ["pending"] = intake.Pending };
        foreach (var (source, count) in dead)
        {
            data["deadLetters:" + source] = count;
        }

        return Task.FromResult(dead.Count == 0
            ? HealthCheckResult.Healthy($"webhooks: {intake.Pending} pending", data)
            : HealthCheckResult.Degraded(
                $"webhooks: requests that failed too often are kept as dead letters ({string.Join(", ", dead.Select(d => $"{d.Key}: {d.Value}"))}); see the log",
                data: data));
    }
}
