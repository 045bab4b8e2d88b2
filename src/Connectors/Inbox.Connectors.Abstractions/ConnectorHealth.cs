using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors;

/// <summary>
/// How a connector's own loop (polling, IMAP, AMI) is doing, as <c>/health/ready</c> shows it: healthy after a round that
/// worked, degraded after <see cref="FailuresBeforeDegraded"/> failed rounds in a row, with the last problem. A connector
/// that is down degrades the node but does not take it out of service: the other channels still work.
/// </summary>
public sealed class ConnectorHealth(string name, TimeProvider clock)
{
    /// <summary>Failed rounds in a row before the connector reports itself degraded (one failure is ordinary network weather).</summary>
    public const int FailuresBeforeDegraded = 3;

    private readonly Lock _gate = new();
    private int _failures;
    private string? _problem;
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _failingSince;

    public string Name => name;

    /// <summary>A round worked: the connector reached its provider.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            _failures = 0;
            _problem = null;
            _failingSince = null;
            _lastSuccess = clock.GetUtcNow();
        }
    }

    /// <summary>A round failed; <paramref name="problem"/> is shown to admins (no secrets in it).</summary>
    public void Failed(string problem)
    {
        lock (_gate)
        {
            _failures++;
            _problem = problem;
            _failingSince ??= clock.GetUtcNow();
        }
    }

    public HealthCheckResult Report()
    {
        lock (_gate)
        {
            var data = new Dictionary<string, object>
            {
                ["failuresInARow"] = _failures,
                ["lastSuccess"] = _lastSuccess?.ToString("O") ?? "never",
            };
            return _failures >= FailuresBeforeDegraded
                ? HealthCheckResult.Degraded($"{name}: {_failures} failed rounds in a row since {_failingSince:O}; last: {_problem}", data: data)
                : HealthCheckResult.Healthy($"{name}: working", data);
        }
    }
}
