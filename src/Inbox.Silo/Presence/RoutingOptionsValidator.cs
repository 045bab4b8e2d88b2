using Microsoft.Extensions.Options;

namespace Inbox.Silo.Presence;

/// <summary>Refuses <c>Routing</c> settings that would make presence meaningless, at start.</summary>
public sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    private static readonly TimeSpan MaxGrace = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var failures = new List<string>();
        if (options.OfflineGrace < TimeSpan.Zero || options.OfflineGrace > MaxGrace)
        {
            failures.Add($"Routing:OfflineGrace must be between 0 and {MaxGrace}; it is {options.OfflineGrace}.");
        }

        if (options.ConnectionLifetime < TimeSpan.FromSeconds(1) || options.ConnectionLifetime > MaxGrace)
        {
            failures.Add($"Routing:ConnectionLifetime must be between 1 second and {MaxGrace}; it is {options.ConnectionLifetime}.");
        }

        if (options.DefaultCapacity is < 0 or > RoutingOptions.MaxCapacity)
        {
            failures.Add($"Routing:DefaultCapacity must be between 0 and {RoutingOptions.MaxCapacity}; it is {options.DefaultCapacity}.");
        }

        if (options.AcceptTimeout < TimeSpan.Zero || options.AcceptTimeout > MaxGrace)
        {
            failures.Add($"Routing:AcceptTimeout must be between 0 (never) and {MaxGrace}; it is {options.AcceptTimeout}.");
        }

        if (options.SweepInterval < TimeSpan.FromMilliseconds(100) || options.SweepInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Routing:SweepInterval must be between 100 ms and 5 minutes; it is {options.SweepInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
