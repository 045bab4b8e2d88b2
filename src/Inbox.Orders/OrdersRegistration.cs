using Inbox.Connectors.Http;
using Inbox.Identity;
using Inbox.Orders.RetailCrm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Inbox.Orders;

public static class OrdersRegistration
{
    /// <summary>
    /// Registers the order system (<see cref="IOrderProvider"/> and <see cref="CustomerOrders"/>) from <c>Orders:Provider</c>:
    /// <c>File</c> (default; <c>Orders:File</c>, or the shipped demo orders) or <c>RetailCrm</c> (<c>Orders:RetailCrm:*</c>).
    /// Settings are checked when the host starts, naming the wrong key. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(s => s.ServiceType == typeof(IOrderProvider)))
        {
            return services;
        }

        services.AddPhoneNumbers(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection(OrdersOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrdersOptions>, OrdersOptionsValidator>());
        services.TryAddSingleton<CustomerOrders>();
        services.TryAddSingleton(sp => OrderStatusNames.FromOptions(sp.GetRequiredService<IOptions<OrdersOptions>>().Value));
        var provider = configuration.GetSection(OrdersOptions.SectionName).Get<OrdersOptions>()?.Provider;
        if (string.Equals(provider, "RetailCrm", StringComparison.OrdinalIgnoreCase))
        {
            AddRetailCrm(services, configuration);
        }
        else
        {
            // File, or an unknown provider that the validator refuses at start.
            services.AddSingleton<IOrderProvider>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<OrdersOptions>>().Value;
                var phones = sp.GetRequiredService<PhoneNumberNormalizer>();
                return string.IsNullOrWhiteSpace(options.File) ? FileOrderProvider.Demo(phones) : FileOrderProvider.FromFile(options.File, phones);
            });
        }

        return services;
    }

    internal static bool IsKnownProvider(string? provider) =>
        string.IsNullOrWhiteSpace(provider) || provider.Equals("File", StringComparison.OrdinalIgnoreCase) || provider.Equals("RetailCrm", StringComparison.OrdinalIgnoreCase);

    private static void AddRetailCrm(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetailCrmOptions>().Bind(configuration.GetSection(RetailCrmOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetailCrmOptions>, RetailCrmOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetailCrmOptions>>().Value;
            return new RequestBudget(Math.Max(1, options.RequestsPerSecond), TimeSpan.FromSeconds(1), sp.GetRequiredService<TimeProvider>());
        });
        var httpClient = services.AddHttpClient(RetailCrmOrderProvider.HttpClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<RetailCrmOptions>>().Value;
                client.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                client.Timeout = options.Timeout;
                client.DefaultRequestHeaders.Add("X-API-KEY", options.ApiKey);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            .RemoveAllLoggers();

        // Outer to inner: bounded retries, then the request budget, so every attempt (retries too) spends budget.
        httpClient.AddResilienceHandler("retailcrm", (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<RetailCrmOptions>>().Value;
                builder.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                    Delay = options.RetryDelay,
                    MaxDelay = options.MaxRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException } => true,
                        { Result: { } response } => (int)response.StatusCode == 429 || (int)response.StatusCode >= 500,
                        _ => false,
                    }),
                });
            });
        httpClient.AddHttpMessageHandler(sp => new RequestBudgetHandler(sp.GetRequiredService<RequestBudget>()));
        services.TryAddSingleton<RetailCrmOrderProvider>();
        services.TryAddSingleton<IOrderProvider>(sp => sp.GetRequiredService<RetailCrmOrderProvider>());
    }
}
