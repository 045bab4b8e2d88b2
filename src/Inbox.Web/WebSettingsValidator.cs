using Inbox.Web.Outbox;
using Microsoft.Extensions.Options;

namespace Inbox.Web;

/// <summary>Checks the web node's own settings at start, naming the key.</summary>
public sealed class WebSettingsValidator : IValidateOptions<LimitsOptions>, IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = LimitsOptions.SectionName;
        var errors = new List<string>();
        if (options.MaxRequestBodyBytes is < 1024 or > 1L << 30)
        {
            errors.Add($"{section}:MaxRequestBodyBytes must be 1024 to 1073741824 (1 GiB).");
        }

        foreach (var (key, value, min, max) in new (string, int, int, int)[]
        {
            (nameof(options.MaxNameLength), options.MaxNameLength, 20, 10_000),
            (nameof(options.MaxTextLength), options.MaxTextLength, 100, 1_000_000),
            (nameof(options.MaxInboundTextLength), options.MaxInboundTextLength, 1000, 10_000_000),
            (nameof(options.MaxIdentitiesPerRequest), options.MaxIdentitiesPerRequest, 1, 1000),
            (nameof(options.MaxIdentityLength), options.MaxIdentityLength, 64, 10_000),
            (nameof(options.MaxAttachmentsPerReply), options.MaxAttachmentsPerReply, 1, 100),
            (nameof(options.MaxLoginLength), options.MaxLoginLength, 3, 1000),
            (nameof(options.MaxExtensionLength), options.MaxExtensionLength, 1, 1000),
            (nameof(options.MaxUploadParts), options.MaxUploadParts, 1, 1000),
        })
        {
            if (value < min || value > max)
            {
                errors.Add($"{section}:{key} must be {min} to {max}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
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
