using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Api;

/// <summary>Checks <c>Channels:Api</c>: a callback URL, when set, is absolute http(s); the callback timeout is positive.</summary>
public sealed class ApiChannelOptionsValidator : IValidateOptions<ApiChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = ApiChannelOptions.SectionName;
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.CallbackUrl)
            && (!Uri.TryCreate(options.CallbackUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            errors.Add($"{section}:CallbackUrl must be an absolute http(s) URL.");
        }

        if (options.CallbackTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:CallbackTimeout must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
