using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors;

/// <summary>
/// How a connector's own loop (polling, IMAP, AMI) is doing, as <c>/health/ready</c> shows it: healthy after a round that
/// worked, degraded after <see cref="FailuresBeforeDegraded"/> failed rounds in a row, with the last problem. A connector
/// that is down degrades the node but does not take it out of service: the other channels still work. Items the
/// connector skipped after repeated failures (<see cref="SetDeadLetters"/>) are listed in the report's data
/// (<c>deadLetters</c>), and degrade it while one of them is younger than <see cref="DeadLettersDegradeFor"/>.
/// </summary>
public sealed class ConnectorHealth(string name, TimeProvider clock)
{
    /// <summary>Failed rounds in a row before the connector reports itself degraded (one failure is ordinary network weather).</summary>
    public const int FailuresBeforeDegraded = 3;

    /// <summary>The key of the skipped items in the report's data: one line each, "{time} {item}: {reason}".</summary>
    public const string DeadLettersDataKey = "deadLetters";

    /// <summary>How long a skipped item keeps the connector degraded: long enough for an admin to notice it.</summary>
    public static readonly TimeSpan DeadLettersDegradeFor = TimeSpan.FromDays(7);

    private readonly Lock _gate = new();
    private int _failures;
    private string? _problem;
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _failingSince;
    private IReadOnlyList<ConnectorDeadLetter> _deadLetters = [];

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

    /// <summary>The items the connector skipped (its whole, durable dead-letter list, oldest first).</summary>
    public void SetDeadLetters(IReadOnlyList<ConnectorDeadLetter> deadLetters)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        lock (_gate)
        {
            _deadLetters = deadLetters.ToList();
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
            if (_deadLetters.Count > 0)
            {
                data[DeadLettersDataKey] = _deadLetters.Select(d => $"{d.At:O} {d.Item}: {d.Reason}").ToArray();
            }

            if (_failures >= FailuresBeforeDegraded)
            {
                return HealthCheckResult.Degraded($"{name}: {_failures} failed rounds in a row since {_failingSince:O}; last: {_problem}", data: data);
            }

            var recent = _deadLetters.Where(d => d.At > clock.GetUtcNow() - DeadLettersDegradeFor).ToList();
            return recent.Count > 0
                ? HealthCheckResult.Degraded($"{name}: working, but skipped {recent.Count} item(s) after repeated failures in the last " +
                    $"{DeadLettersDegradeFor.TotalDays:0} days (dead letters); last: {recent[^1].Item}: {recent[^1].Reason}", data: data)
                : HealthCheckResult.Healthy($"{name}: working", data);
        }
    }
}
