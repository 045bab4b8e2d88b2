using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telephony;

/// <summary>Checks Twilio Voice's settings: the public URL, the forward number's dial timeout, the language and that there is a message to say.</summary>
public sealed partial class TwilioVoiceOptionsValidator : IValidateOptions<TwilioVoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioVoiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = TwilioVoiceOptions.TelephonySectionName;
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _))
        {
            errors.Add($"{TwilioVoiceOptions.ChannelSectionName}:PublicBaseUrl must be the absolute URL Twilio calls, such as https://inbox.shop.example.");
        }

        if (options.DialTimeoutSeconds is < 5 or > 600)
        {
            errors.Add($"{section}:DialTimeoutSeconds must be 5–600 (Twilio's <Dial timeout>).");
        }

        if (!LanguageTag().IsMatch(options.Language ?? ""))
        {
            errors.Add($"{section}:Language must be a language Twilio <Say> speaks, such as ru-RU or en-US.");
        }
        else if (options.EffectiveUnavailableMessage is null)
        {
            errors.Add($"{section}:UnavailableMessage must be set: the resources have no message in {options.Language} (they have ru and en).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}
