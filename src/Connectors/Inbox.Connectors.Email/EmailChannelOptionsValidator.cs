using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Email;

/// <summary>Checks <c>Channels:Email</c>: addresses, ports, timeouts, the IDLE period and the fallback charset.</summary>
public sealed class EmailChannelOptionsValidator : IValidateOptions<EmailChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = EmailChannelOptions.SectionName;
        var errors = new List<string>();
        if (options.SendingEnabled && EmailAddresses.ParseConfigured(options.Smtp.From) is null)
        {
            errors.Add($"{section}:Smtp:From must be an email address, e.g. \"Shop support <support@shop.example>\".");
        }

        if (!string.IsNullOrWhiteSpace(options.ReplyTo) && EmailAddresses.ParseConfigured(options.ReplyTo) is null)
        {
            errors.Add($"{section}:ReplyTo must be an email address (the base of the plus-addresses), e.g. support@shop.example.");
        }

        if (options.MaxAttachmentBytes <= 0)
        {
            errors.Add($"{section}:MaxAttachmentBytes must be positive.");
        }

        if (options.IdleMinutes is < 1 or > 9)
        {
            errors.Add($"{section}:IdleMinutes must be 1–9: servers drop idle connections after 10 minutes (Gmail) to 30 minutes (RFC 2177).");
        }

        if (options.ImportExistingDays is < 0 or > 3650)
        {
            errors.Add($"{section}:ImportExistingDays must be 0–3650 (0 imports no mail that is already in the folder at the first start).");
        }

        if (options.PollSeconds < 1)
        {
            errors.Add($"{section}:PollSeconds must be at least 1.");
        }

        if (options.ReconnectDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectDelay)
        {
            errors.Add($"{section}:ReconnectDelay must be positive and at most ReconnectMaxDelay.");
        }

        if (options.MaxAttemptsPerMessage is < 1 or > 100)
        {
            errors.Add($"{section}:MaxAttemptsPerMessage must be 1–100 (tries on one unreadable mail before it is skipped).");
        }

        if (options.CommandTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:CommandTimeout must be positive.");
        }

        if (EmailCharsets.TryGet(options.FallbackCharset) is null)
        {
            errors.Add($"{section}:FallbackCharset '{options.FallbackCharset}' is not a known charset (e.g. windows-1251).");
        }

        foreach (var (port, key) in (ReadOnlySpan<(int, string)>)[(options.Imap.Port, "Imap:Port"), (options.Smtp.Port, "Smtp:Port")])
        {
            if (port is < 0 or > 65535)
            {
                errors.Add($"{section}:{key} must be 0 (the usual port) or 1–65535.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
