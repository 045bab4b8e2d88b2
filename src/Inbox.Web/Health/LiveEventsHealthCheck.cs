using Inbox.Web.Live;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Web.Health;

/// <summary>
/// Ready once every silo's publisher has this node on its list of nodes (<see cref="ClusterSubscription{TObserver}.HeardEverywhere"/>,
/// a second after the node subscribed): a console connected from then on misses no live event.
/// </summary>
public sealed class LiveEventsHealthCheck(LiveEventRelay relay) : IHealthCheck
{
    /// <summary>What the check says in the second after the start: normal, so not logged as an error (<see cref="Logging.StartupNoiseFilter"/>).</summary>
    public const string Subscribing = "This node is joining the live events; consoles connected now may catch up on their first events from the store.";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(relay.HeardEverywhere.IsCompletedSuccessfully ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(Subscribing));
}
