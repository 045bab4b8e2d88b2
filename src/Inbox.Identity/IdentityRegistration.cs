using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.Identity;

public static class IdentityRegistration
{
    /// <summary>
    /// Registers the one <see cref="PhoneNumberNormalizer"/>, reading <c>Phone:DefaultRegion</c> (checked at start).
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddPhoneNumbers(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(s => s.ServiceType == typeof(PhoneNumberNormalizer)))
        {
            return services;
        }

        services.AddOptions<PhoneOptions>().Bind(configuration.GetSection(PhoneOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhoneOptions>, PhoneOptionsValidator>());
        services.AddSingleton(sp => new PhoneNumberNormalizer(sp.GetRequiredService<IOptions<PhoneOptions>>().Value.DefaultRegion));
        return services;
    }
}
