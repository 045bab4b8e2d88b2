using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Webhooks;

public static class WebhookIntakeRegistration
{
    /// <summary>The check in <c>/health/ready</c> that turns degraded while dead letters are kept.</summary>
    public const string HealthCheckName = "webhooks";

    /// <summary>
    /// Registers <typeparamref name="THandler"/> for the requests a connector queues under <paramref name="source"/>, and (once) the
    /// <see cref="WebhookIntake"/> with its options (<c>Webhooks</c>) and health check. The host provides <see cref="IWebhookIntakeStore"/>.
    /// </summary>
    public static IServiceCollection AddWebhookIntake<THandler>(this IServiceCollection services, IConfiguration configuration, string source)
        where THandler : class, IWebhookHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ServiceType == typeof(WebhookIntake)))
        {
            services.AddOptions<WebhookIntakeOptions>().Bind(configuration.GetSection(WebhookIntakeOptions.SectionName)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookIntakeOptions>, WebhookIntakeOptionsValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<WebhookIntake>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<WebhookIntake>());
            services.AddHealthChecks().Add(new HealthCheckRegistration(HealthCheckName,
                sp => new WebhookIntakeHealthCheck(sp.GetRequiredService<WebhookIntake>()), HealthStatus.Degraded, ["ready"]));
        }

        services.TryAddKeyedSingleton<IWebhookHandler, THandler>(source);
        return services;
    }
}
