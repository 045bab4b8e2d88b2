using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Leases;

public sealed class ClusterSingletonOptionsValidator : IValidateOptions<ClusterSingletonOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterSingletonOptions options)
    {
        var failures = new List<string>();
        if (options.Duration <= TimeSpan.Zero)
        {
            failures.Add($"{ClusterSingletonOptions.SectionName}:Duration must be positive.");
        }

        if (options.RenewInterval <= TimeSpan.Zero || options.RenewInterval * 2 > options.Duration)
        {
            failures.Add($"{ClusterSingletonOptions.SectionName}:RenewInterval must be positive and at most half of Duration, so a renewal can fail once without losing the lease.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
