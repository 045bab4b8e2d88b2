using Inbox.Chatbot.AzureOpenAI;
using Inbox.Chatbot.Fraud;
using Inbox.Chatbot.Local;
using Inbox.Identity;
using Inbox.Orders;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Chatbot;

/// <summary>Registers the chatbot: <see cref="IChatbot"/> as configured, over the order system of <see cref="OrdersRegistration.AddOrders"/>.</summary>
public static class ChatbotRegistration
{
    /// <summary>The named HttpClient the Azure OpenAI engine uses.</summary>
    public const string AzureOpenAIHttpClientName = "Inbox.Chatbot.AzureOpenAI";

    /// <summary>
    /// Binds <c>Chatbot:Mode</c> (<c>Local</c> default | <c>AzureOpenAI</c>), <c>Chatbot:AzureOpenAI:{Endpoint,ApiKey,Deployment,Timeout}</c>,
    /// <c>Chatbot:FraudContacts:&lt;REGION&gt;:*</c> (over the shipped contacts), and the order system (<c>Orders:*</c>, status names included). Wrong or missing settings stop the host's start, naming the key.
    /// The Local classifier starts loading its model from <c>Chatbot:ModelCache</c> (training it when the file does not hold it, and
    /// on every start without the setting) on the thread pool when <see cref="IChatbot"/> is first resolved; the first message waits for it.
    /// </summary>
    public static IServiceCollection AddInboxChatbot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOrders(configuration);
        services.AddOptions<ChatbotOptions>().Bind(configuration.GetSection(ChatbotOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatbotOptions>, ChatbotOptionsValidator>());
        var fraudContacts = configuration.GetSection(FraudContactsOptions.SectionName);
        services.AddOptions<FraudContactsOptions>()
            .Configure(o => o.Overlay(FraudContactsOptions.Shipped().Regions).Overlay(fraudContacts.Get<Dictionary<string, RegionFraudContacts>>()))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FraudContactsOptions>, FraudContactsOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ChatbotOptions>>().Value.ModelCache is { } cache
            ? IntentClassifier.StartLoadingShippedModel(new IntentModelCache(cache, sp.GetService<ILogger<IntentModelCache>>()))
            : IntentClassifier.StartTrainingOnShippedData());
        services.TryAddSingleton(sp => new LocalChatbot(sp.GetRequiredService<IntentClassifier>(), sp.GetRequiredService<IOrderProvider>(),
            sp.GetService<ILogger<LocalChatbot>>(), sp.GetRequiredService<PhoneNumberNormalizer>(), sp.GetRequiredService<OrderStatusNames>(),
            sp.GetRequiredService<IOptions<FraudContactsOptions>>().Value));

        var mode = configuration.GetSection(ChatbotOptions.SectionName).Get<ChatbotOptions>()?.Mode;
        if (ChatbotOptions.IsAzureOpenAI(mode))
        {
            AddAzureOpenAI(services, configuration);
        }
        else
        {
            // Local, or an unknown mode that the validator refuses at start.
            services.TryAddSingleton<IChatbot>(sp => sp.GetRequiredService<LocalChatbot>());
        }

        return services;
    }

    private static void AddAzureOpenAI(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AzureOpenAIOptions>().Bind(configuration.GetSection(AzureOpenAIOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureOpenAIOptions>, AzureOpenAIOptionsValidator>());
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
            sp.GetService<ILogger<AzureOpenAIChatbot>>(),
            sp.GetRequiredService<PhoneNumberNormalizer>(),
            sp.GetRequiredService<OrderStatusNames>()));
        services.TryAddSingleton<IChatbot>(sp => sp.GetRequiredService<AzureOpenAIChatbot>());
    }
}
