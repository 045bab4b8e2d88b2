using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Inbox.Chatbot.Fraud;

/// <summary>Checks <c>Chatbot:FraudContacts</c>: known region codes, names only in ru, uk or en, a name for every fraud line.</summary>
public sealed class FraudContactsOptionsValidator : IValidateOptions<FraudContactsOptions>
{
    private static readonly string[] Languages = ["ru", "uk", "en"];

    public ValidateOptionsResult Validate(string? name, FraudContactsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        foreach (var (region, contacts) in options.Regions)
        {
            var key = $"{FraudContactsOptions.SectionName}:{region}";
            if (!regions.Contains(region.ToUpperInvariant()))
            {
                errors.Add($"{key}: '{region}' is not a region code such as RU, UA or GB.");
            }

            if (contacts.GovernmentServices is { } government)
            {
                CheckLanguages(errors, $"{key}:GovernmentServices:Name", government.Name);
                CheckLanguages(errors, $"{key}:GovernmentServices:SessionsPath", government.SessionsPath);
            }

            if (contacts.FraudLine is { } line)
            {
                CheckLanguages(errors, $"{key}:FraudLine:Name", line.Name);
                if (line.Name.Count == 0)
                {
                    errors.Add($"{key}:FraudLine:Name needs the line's name in ru, uk or en.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckLanguages(List<string> errors, string key, IReadOnlyDictionary<string, string> names)
    {
        foreach (var language in names.Keys.Where(l => !Languages.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"{key}:{language}: the language must be ru, uk or en.");
        }
    }
}
