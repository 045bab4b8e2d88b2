namespace Inbox.Chatbot.AzureOpenAI;

/// <summary>The <c>Chatbot:AzureOpenAI</c> configuration section.</summary>
public sealed class AzureOpenAIOptions
{
    public const string SectionName = "Chatbot:AzureOpenAI";

    /// <summary>The resource endpoint, such as <c>https://my-resource.openai.azure.com/</c>. Required in AzureOpenAI mode.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The resource key (sent as the <c>api-key</c> header). Required in AzureOpenAI mode.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The chat model deployment name. Required in AzureOpenAI mode.</summary>
    public string? Deployment { get; set; }

    /// <summary>The whole model turn (all tool rounds) must finish within this, or the Local answer is used.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most model round trips per message (tool calls and the final answer).</summary>
    public int MaxToolRounds { get; set; } = 4;

    /// <summary>True when endpoint, key and deployment are all set.</summary>
    public bool IsComplete =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out _) && !string.IsNullOrWhiteSpace(ApiKey) && !string.IsNullOrWhiteSpace(Deployment);
}
