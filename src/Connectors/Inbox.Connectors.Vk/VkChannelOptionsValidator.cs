using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Vk;

/// <summary>Checks <c>Channels:Vk</c>: the base URL and positive timeouts and limits. (A missing Callback secret refuses every callback, with the reason.)</summary>
public sealed class VkChannelOptionsValidator : IValidateOptions<VkChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, VkChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = VkChannelOptions.SectionName;
        var errors = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{section}:ApiBaseUrl must be an absolute http(s) URL such as https://api.vk.com.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.LongPollErrorDelay <= TimeSpan.Zero)
        {
            errors.Add($"{section}:RequestTimeout and LongPollErrorDelay must be positive.");
        }

        if (options.RequestsPerSecond < 1 || options.MaxMessageLength < 1 || options.MaxDownloadBytes < 1 || options.NameCacheSize < 1)
        {
            errors.Add($"{section}:RequestsPerSecond, MaxMessageLength, MaxDownloadBytes and NameCacheSize must be positive.");
        }

        if (!Enum.IsDefined(options.GroupChats))
        {
            errors.Add($"{section}:GroupChats must be Ignore (group chats are not turned into conversations).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
