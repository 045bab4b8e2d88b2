using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Leases;

public static class ClusterSingletonRegistration
{
    /// <summary>
    /// Registers <see cref="ClusterSingleton"/> for a module whose loop runs once per cluster. The host registers the shared
    /// <see cref="IConnectorLeases"/> first; without one the leases are this process's own.
    /// </summary>
    public static IServiceCollection AddClusterSingleton(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterSingletonOptions>().Bind(configuration.GetSection(ClusterSingletonOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterSingletonOptions>, ClusterSingletonOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectorLeases, LocalConnectorLeases>();
        services.TryAddSingleton<ClusterSingleton>();
        return services;
    }
}
