using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Inbox.Chatbot.AzureOpenAI;

/// <summary>
/// Builds the <see cref="IChatClient"/> for Azure OpenAI: <see cref="AzureOpenAIClient"/> (Azure.AI.OpenAI) → chat client of the
/// deployment → <c>AsIChatClient()</c> (Microsoft.Extensions.AI.OpenAI) → function invocation (Microsoft.Extensions.AI).
/// Requests go to <c>{Endpoint}/openai/deployments/{Deployment}/chat/completions?api-version=…</c> with the <c>api-key</c> header.
/// </summary>
public static class AzureOpenAIChatClientFactory
{
    /// <summary>Creates the client; <paramref name="httpClient"/> replaces the transport (tests, proxies).</summary>
    /// <exception cref="InvalidOperationException">Endpoint, key or deployment is missing.</exception>
    public static IChatClient Create(AzureOpenAIOptions options, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsComplete)
        {
            throw new InvalidOperationException(
                "Chatbot:Mode is AzureOpenAI but Chatbot:AzureOpenAI:Endpoint, ApiKey and Deployment are not all set.");
        }

        var clientOptions = new AzureOpenAIClientOptions
        {
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        };
        if (httpClient is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var azure = new AzureOpenAIClient(new Uri(options.Endpoint!), new ApiKeyCredential(options.ApiKey!), clientOptions);
        return azure.GetChatClient(options.Deployment!)
            .AsIChatClient()
            .AsBuilder()
            .UseFunctionInvocation(loggerFactory, client =>
            {
                client.MaximumIterationsPerRequest = Math.Max(1, options.MaxToolRounds);
                client.IncludeDetailedErrors = false;
            })
            .Build();
    }
}
