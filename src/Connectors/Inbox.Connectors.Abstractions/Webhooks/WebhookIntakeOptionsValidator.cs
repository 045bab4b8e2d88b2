using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Webhooks;

/// <summary>Checks <c>Webhooks</c>: positive attempts, delays and concurrency.</summary>
public sealed class WebhookIntakeOptionsValidator : IValidateOptions<WebhookIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookIntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = WebhookIntakeOptions.SectionName;
        var errors = new List<string>();
        if (options.MaxAttempts < 1 || options.BestEffortAfterAttempts < 1 || options.MaxConcurrency < 1)
        {
            errors.Add($"{section}:MaxAttempts, BestEffortAfterAttempts and MaxConcurrency must be at least 1.");
        }

        if (options.FirstRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.FirstRetryDelay)
        {
            errors.Add($"{section}:FirstRetryDelay must be positive and MaxRetryDelay at least as long.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
