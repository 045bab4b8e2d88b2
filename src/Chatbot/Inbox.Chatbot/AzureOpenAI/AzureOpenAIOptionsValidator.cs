using Microsoft.Extensions.Options;

namespace Inbox.Chatbot.AzureOpenAI;

/// <summary>Checks <c>Chatbot:AzureOpenAI</c> when it is the engine: endpoint, key and deployment are required.</summary>
public sealed class AzureOpenAIOptionsValidator : IValidateOptions<AzureOpenAIOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!options.IsComplete)
        {
            errors.Add($"{AzureOpenAIOptions.SectionName}:Endpoint, ApiKey and Deployment must all be set when Chatbot:Mode is AzureOpenAI.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.MaxToolRounds < 1)
        {
            errors.Add($"{AzureOpenAIOptions.SectionName}:Timeout and MaxToolRounds must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
