using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Csat;

public static class CsatRegistration
{
    /// <summary>Binds <see cref="CsatOptions"/> (<c>Csat:*</c>), checked at start.</summary>
    public static IServiceCollection AddCsat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CsatOptions>().Bind(configuration.GetSection(CsatOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CsatOptions>, CsatOptionsValidator>());
        return services;
    }
}
