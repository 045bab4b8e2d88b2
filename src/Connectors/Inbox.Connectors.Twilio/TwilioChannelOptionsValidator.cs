using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Twilio;

/// <summary>Checks <c>Channels:Twilio</c>: the API and public base URLs, and positive timeouts and limits.</summary>
public sealed class TwilioChannelOptionsValidator : IValidateOptions<TwilioChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = TwilioChannelOptions.SectionName;
        var errors = new List<string>();
        if (!IsHttpUrl(options.ApiBaseUrl))
        {
            errors.Add($"{section}:ApiBaseUrl must be an absolute http(s) URL such as https://api.twilio.com.");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !IsHttpUrl(options.PublicBaseUrl))
        {
            errors.Add($"{section}:PublicBaseUrl must be the absolute http(s) URL Twilio calls, such as https://inbox.shop.example.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.MediaDownloadTimeout <= TimeSpan.Zero || options.MaxMediaBytes < 1)
        {
            errors.Add($"{section}:RequestTimeout, MediaDownloadTimeout and MaxMediaBytes must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
