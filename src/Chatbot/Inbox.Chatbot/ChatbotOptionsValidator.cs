using Microsoft.Extensions.Options;

namespace Inbox.Chatbot;

/// <summary>Refuses an unknown <c>Chatbot:Mode</c>.</summary>
public sealed class ChatbotOptionsValidator : IValidateOptions<ChatbotOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatbotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ChatbotOptions.IsLocal(options.Mode) || ChatbotOptions.IsAzureOpenAI(options.Mode)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{ChatbotOptions.SectionName}:Mode must be Local or AzureOpenAI, not \"{options.Mode}\".");
    }
}
