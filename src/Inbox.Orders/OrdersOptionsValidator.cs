using Microsoft.Extensions.Options;

namespace Inbox.Orders;

/// <summary>Refuses an unknown <c>Orders:Provider</c> or <c>Orders:Language</c>, and a status name in a language the bot does not speak.</summary>
public sealed class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
{
    public ValidateOptionsResult Validate(string? name, OrdersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!OrdersRegistration.IsKnownProvider(options.Provider))
        {
            errors.Add($"{OrdersOptions.SectionName}:Provider must be File or RetailCrm, not \"{options.Provider}\".");
        }

        if (!OrderStatusNames.Languages.Contains(options.Language?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{OrdersOptions.SectionName}:Language must be ru, uk or en, not \"{options.Language}\".");
        }

        foreach (var (code, names) in options.StatusNames)
        {
            foreach (var language in names.Keys.Where(l => !OrderStatusNames.Languages.Contains(l.Trim(), StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"{OrdersOptions.SectionName}:StatusNames:{code}:{language}: the language must be ru, uk or en.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
