using Microsoft.Extensions.Options;

namespace Inbox.Orders;

/// <summary>Refuses an unknown <c>Orders:Provider</c>.</summary>
public sealed class OrdersOptionsValidator : IValidateOptions<OrdersOptions>
{
    public ValidateOptionsResult Validate(string? name, OrdersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OrdersRegistration.IsKnownProvider(options.Provider)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{OrdersOptions.SectionName}:Provider must be File or RetailCrm, not \"{options.Provider}\".");
    }
}
