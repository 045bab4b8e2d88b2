using Microsoft.Extensions.Options;

namespace Inbox.Chatbot;

/// <summary>Refuses an unknown <c>Chatbot:Mode</c>, and a <c>Chatbot:ModelCache</c> that is not a file path.</summary>
public sealed class ChatbotOptionsValidator : IValidateOptions<ChatbotOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatbotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ChatbotOptions.IsLocal(options.Mode) && !ChatbotOptions.IsAzureOpenAI(options.Mode))
        {
            failures.Add($"{ChatbotOptions.SectionName}:Mode must be Local or AzureOpenAI, not \"{options.Mode}\".");
        }

        if (options.ModelCache is { } cache && ModelCacheProblem(cache) is { } problem)
        {
            failures.Add($"{ChatbotOptions.SectionName}:ModelCache \"{cache}\" {problem}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? ModelCacheProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "must be a file path (leave the key out for the default)";
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid path";
        }

        return Directory.Exists(full) || Path.EndsInDirectorySeparator(path) ? "is a folder; name a file in it" : null;
    }
}
