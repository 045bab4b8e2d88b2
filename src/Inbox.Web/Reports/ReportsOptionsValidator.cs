using Microsoft.Extensions.Options;

namespace Inbox.Web.Reports;

/// <summary>Refuses <c>Reports</c> settings that cannot work, at start, naming the key.</summary>
public sealed class ReportsOptionsValidator : IValidateOptions<ReportsOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportsOptions options)
    {
        var failures = new List<string>();
        try
        {
            _ = string.IsNullOrWhiteSpace(options.TimeZone) ? throw new TimeZoneNotFoundException() : options.Zone;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            failures.Add($"Reports:TimeZone \"{options.TimeZone}\" is not a known IANA time zone id (for example Europe/Moscow).");
        }

        if (options.BotIdleClose < TimeSpan.FromMinutes(1) || options.BotIdleClose > TimeSpan.FromDays(30))
        {
            failures.Add($"Reports:BotIdleClose must be between 00:01:00 and 30.00:00:00; it is {options.BotIdleClose}.");
        }

        if (options.MaxDays is < 1 or > 3660)
        {
            failures.Add($"Reports:MaxDays must be between 1 and 3660; it is {options.MaxDays}.");
        }

        if (options.PushInterval < TimeSpan.FromSeconds(1) || options.PushInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Reports:PushInterval must be between 00:00:01 and 00:10:00; it is {options.PushInterval}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
