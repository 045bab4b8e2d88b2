using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Connectors;

/// <summary>The host's side of <see cref="IConnectorModule"/>: one call registers all modules, one maps their endpoints.</summary>
public static class ConnectorModules
{
    /// <summary>Registers each module whose settings switch it on, with its health checks; returns those that are on.</summary>
    public static IReadOnlyList<IConnectorModule> AddConnectors(this IServiceCollection services, IConfiguration configuration, params IConnectorModule[] modules)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(modules);
        var enabled = new List<IConnectorModule>();
        foreach (var module in modules)
        {
            if (module.AddServices(services, configuration))
            {
                module.AddHealthChecks(services.AddHealthChecks());
                services.AddSingleton(module);
                enabled.Add(module);
            }
        }

        return enabled;
    }

    /// <summary>Maps the endpoints of every module <see cref="AddConnectors"/> turned on.</summary>
    public static IEndpointRouteBuilder MapConnectors(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var module in endpoints.ServiceProvider.GetServices<IConnectorModule>())
        {
            module.MapEndpoints(endpoints);
        }

        return endpoints;
    }
}
