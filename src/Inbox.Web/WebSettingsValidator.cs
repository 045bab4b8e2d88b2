using Inbox.Web.Outbox;
using Microsoft.Extensions.Options;

namespace Inbox.Web;

/// <summary>Checks the web node's own settings at start, naming the key.</summary>
public sealed class WebSettingsValidator : IValidateOptions<LimitsOptions>, IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxRequestBodyBytes is >= 1024 and <= 1L << 30
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{LimitsOptions.SectionName}:MaxRequestBodyBytes must be 1024 to 1073741824 (1 GiB).");
    }

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = OutboxOptions.SectionName;
        var errors = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero || options.Lease <= TimeSpan.Zero)
        {
            errors.Add($"{section}:PollInterval and Lease must be positive.");
        }

        if (options.BaseDelay <= TimeSpan.Zero || options.MaxDelay < options.BaseDelay)
        {
            errors.Add($"{section}:BaseDelay must be positive and at most MaxDelay.");
        }

        if (options.MaxAttempts < 1 || options.Concurrency < 1)
        {
            errors.Add($"{section}:MaxAttempts and Concurrency must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
