using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Connectors;

/// <summary>
/// A channel connector as the host wires it: its name, its services, its endpoints and its health. The host lists its
/// modules once (<see cref="ConnectorModules.AddConnectors"/>, <see cref="ConnectorModules.MapConnectors"/>); a module
/// whose settings are not set stays off, registers nothing and maps nothing (its webhooks answer 404).
/// </summary>
public interface IConnectorModule
{
    /// <summary>The name in the start-up line and in the health report (<c>telegram</c>, <c>vk</c>, <c>voice</c>…).</summary>
    string Name { get; }

    /// <summary>
    /// Registers the connector's services when its settings switch it on, binding its options with validation at start;
    /// returns false, having registered nothing, when they do not.
    /// </summary>
    bool AddServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the connector's webhooks, if it has any. Called only for a module that is on.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Adds the connector's health checks (tagged <c>ready</c> when the node cannot serve without them). Called only for a module that is on.</summary>
    void AddHealthChecks(IHealthChecksBuilder health)
    {
    }
}
