using Microsoft.Extensions.Options;

namespace Inbox.Connectors.Telegram;

/// <summary>Checks <c>Channels:Telegram</c>: the token's shape, the base URL, the timeouts and the polling back-off.</summary>
public sealed class TelegramChannelOptionsValidator : IValidateOptions<TelegramChannelOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = TelegramChannelOptions.SectionName;
        var errors = new List<string>();
        try
        {
            TelegramBotClientFactory.CreateOptions(options);
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{section}: {ex.Message}. BotToken must look like 123456789:AA… (from @BotFather) and ApiBaseUrl like https://api.telegram.org.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:RequestTimeout must be positive.");
        }

        if (options.PollErrorDelay <= TimeSpan.Zero || options.PollErrorMaxDelay < options.PollErrorDelay)
        {
            errors.Add($"{section}:PollErrorDelay must be positive and at most PollErrorMaxDelay.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
