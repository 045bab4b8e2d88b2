using Inbox.Chatbot.AzureOpenAI;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Orders;
using Inbox.Chatbot.Orders.RetailCrm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Inbox.Chatbot;

/// <summary>Registers the chatbot: <see cref="IChatbot"/> and <see cref="IOrderProvider"/> as configured.</summary>
public static class ChatbotRegistration
{
    /// <summary>The named HttpClient the Azure OpenAI engine uses.</summary>
    public const string AzureOpenAIHttpClientName = "Inbox.Chatbot.AzureOpenAI";

    /// <summary>
    /// Binds <c>Chatbot:Mode</c> (<c>Local</c> default | <c>AzureOpenAI</c>), <c>Chatbot:AzureOpenAI:{Endpoint,ApiKey,Deployment,Timeout}</c>,
    /// <c>Orders:Provider</c> (<c>File</c> default | <c>RetailCrm</c>), <c>Orders:File</c>, <c>Orders:RetailCrm:{BaseUrl,ApiKey,Site,…}</c>.
    /// The Local classifier starts training on the thread pool when <see cref="IChatbot"/> is first resolved; the first message waits for it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A mode or provider is unknown, or its required keys are missing.</exception>
    public static IServiceCollection AddInboxChatbot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ChatbotOptions>().Bind(configuration.GetSection(ChatbotOptions.SectionName));
        services.AddOptions<AzureOpenAIOptions>().Bind(configuration.GetSection(AzureOpenAIOptions.SectionName));
        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection(OrdersOptions.SectionName));
        services.AddOptions<RetailCrmOptions>().Bind(configuration.GetSection(RetailCrmOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => IntentClassifier.StartTrainingOnShippedData());
        services.TryAddSingleton<LocalChatbot>();

        AddOrderProvider(services, configuration);
        AddEngine(services, configuration);
        return services;
    }

    private static void AddOrderProvider(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(OrdersOptions.SectionName).Get<OrdersOptions>() ?? new OrdersOptions();
        if (string.IsNullOrWhiteSpace(provider.Provider) || provider.Provider.Equals("File", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IOrderProvider>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<OrdersOptions>>().Value;
                return string.IsNullOrWhiteSpace(options.File) ? FileOrderProvider.Demo() : FileOrderProvider.FromFile(options.File);
            });
            return;
        }

        if (!provider.Provider.Equals("RetailCrm", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Orders:Provider must be File or RetailCrm, not \"{provider.Provider}\".");
        }

        var retailCrm = configuration.GetSection(RetailCrmOptions.SectionName).Get<RetailCrmOptions>() ?? new RetailCrmOptions();
        if (!Uri.TryCreate(retailCrm.BaseUrl, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(retailCrm.ApiKey))
        {
            throw new InvalidOperationException("Orders:Provider is RetailCrm but Orders:RetailCrm:BaseUrl and Orders:RetailCrm:ApiKey are not both set.");
        }

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetailCrmOptions>>().Value;
            return new RequestBudget(Math.Max(1, options.RequestsPerSecond), TimeSpan.FromSeconds(1), sp.GetRequiredService<TimeProvider>());
        });
        var httpClient = services.AddHttpClient(RetailCrmOrderProvider.HttpClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<RetailCrmOptions>>().Value;
                var baseUrl = options.BaseUrl!.TrimEnd('/') + "/";
                client.BaseAddress = new Uri(baseUrl);
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

    private static void AddEngine(IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration.GetSection(ChatbotOptions.SectionName).Get<ChatbotOptions>()?.Mode;
        if (string.IsNullOrWhiteSpace(mode) || mode.Equals("Local", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IChatbot>(sp => sp.GetRequiredService<LocalChatbot>());
            return;
        }

        if (!mode.Equals("AzureOpenAI", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Chatbot:Mode must be Local or AzureOpenAI, not \"{mode}\".");
        }

        var azure = configuration.GetSection(AzureOpenAIOptions.SectionName).Get<AzureOpenAIOptions>() ?? new AzureOpenAIOptions();
        if (!azure.IsComplete)
        {
            throw new InvalidOperationException(
                "Chatbot:Mode is AzureOpenAI but Chatbot:AzureOpenAI:Endpoint, ApiKey and Deployment are not all set.");
        }

        services.AddHttpClient(AzureOpenAIHttpClientName).RemoveAllLoggers();
        services.TryAddKeyedSingleton<IChatClient>(AzureOpenAIHttpClientName, (sp, _) => AzureOpenAIChatClientFactory.Create(
            sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AzureOpenAIHttpClientName),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new AzureOpenAIChatbot(
            sp.GetRequiredKeyedService<IChatClient>(AzureOpenAIHttpClientName),
            sp.GetRequiredService<LocalChatbot>(),
            sp.GetRequiredService<IOrderProvider>(),
            sp.GetRequiredService<IOptions<AzureOpenAIOptions>>(),
            sp.GetService<ILogger<AzureOpenAIChatbot>>()));
        services.TryAddSingleton<IChatbot>(sp => sp.GetRequiredService<AzureOpenAIChatbot>());
    }
}
