using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.Domain.Sla;

public static class SlaRegistration
{
    /// <summary>
    /// Registers the <see cref="SlaCatalog"/> read from the <c>Sla</c> section (none: no policies), checked when the host
    /// starts: a wrong time zone id, an unknown schedule or a target that is not positive stops the start naming the key.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSla(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(s => s.ServiceType == typeof(SlaCatalog)))
        {
            return services;
        }

        services.AddOptions<SlaOptions>().Bind(configuration.GetSection(SlaOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlaOptions>, SlaOptionsValidator>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SlaOptions>>().Value;
            return SlaCatalog.Read(options, out var problems)
                ?? throw new OptionsValidationException(SlaOptions.SectionName, typeof(SlaOptions), problems);
        });
        return services;
    }
}
