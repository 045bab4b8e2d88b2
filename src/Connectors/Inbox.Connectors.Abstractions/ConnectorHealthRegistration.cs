using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.Connectors;

public static class ConnectorHealthRegistration
{
    /// <summary>Registers the <see cref="ConnectorHealth"/> a connector's loop reports to, keyed by the connector's name.</summary>
    public static IServiceCollection AddConnectorHealth(this IServiceCollection services, string name)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton(name, (sp, _) => new ConnectorHealth(name, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Shows the connector's <see cref="ConnectorHealth"/> in the <c>ready</c> health report, as <c>connector:{name}</c>.</summary>
    public static IHealthChecksBuilder AddConnectorCheck(this IHealthChecksBuilder health, string name)
    {
        ArgumentNullException.ThrowIfNull(health);
        health.Services.AddConnectorHealth(name);
        return health.Add(new HealthCheckRegistration($"connector:{name}",
            sp => new ConnectorHealthCheck(sp.GetRequiredKeyedService<ConnectorHealth>(name)), HealthStatus.Degraded, ["ready"]));
    }

    private sealed class ConnectorHealthCheck(ConnectorHealth connector) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(connector.Report());
    }
}
