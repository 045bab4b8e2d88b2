using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Inbox.Identity;

/// <summary>Refuses a <c>Phone:DefaultRegion</c> that libphonenumber does not know.</summary>
public sealed class PhoneOptionsValidator : IValidateOptions<PhoneOptions>
{
    public ValidateOptionsResult Validate(string? name, PhoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(options.DefaultRegion ?? "")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{PhoneOptions.SectionName}:DefaultRegion '{options.DefaultRegion}' is not a region code such as RU, KZ or GB.");
    }
}
