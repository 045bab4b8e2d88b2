using Microsoft.Extensions.Options;

namespace Inbox.Orders.RetailCrm;

/// <summary>Checks <c>Orders:RetailCrm</c> when RetailCRM is the order system: a base URL and a key are required.</summary>
public sealed class RetailCrmOptionsValidator : IValidateOptions<RetailCrmOptions>
{
    public ValidateOptionsResult Validate(string? name, RetailCrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"{RetailCrmOptions.SectionName}:BaseUrl must be the account's URL, such as https://shop.retailcrm.ru.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add($"{RetailCrmOptions.SectionName}:ApiKey is required when Orders:Provider is RetailCrm.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.RequestsPerSecond < 1)
        {
            errors.Add($"{RetailCrmOptions.SectionName}:Timeout and RequestsPerSecond must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
