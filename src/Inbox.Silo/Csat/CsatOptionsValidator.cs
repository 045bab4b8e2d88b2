using Inbox.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Silo.Csat;

/// <summary>Refuses <c>Csat</c> settings that cannot work, at start: an unknown channel, voice switched on, a window out of range, an unknown language.</summary>
public sealed class CsatOptionsValidator : IValidateOptions<CsatOptions>
{
    public static readonly TimeSpan MinWindow = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(30);

    public ValidateOptionsResult Validate(string? name, CsatOptions options)
    {
        var failures = new List<string>();
        foreach (var (channel, on) in options.Channels)
        {
            if (string.Equals(channel, "voice", StringComparison.OrdinalIgnoreCase))
            {
                if (on)
                {
                    failures.Add("Csat:Channels:voice cannot be true: no reply goes through a phone call.");
                }
            }
            else if (IdentityKinds.WrittenToBy(channel.ToLowerInvariant()) is null)
            {
                failures.Add($"Csat:Channels:{channel} names no channel; the channels are telegram, vk, whatsapp, sms, email, api and voice.");
            }
        }

        if (options.AnswerWindow < MinWindow || options.AnswerWindow > MaxWindow)
        {
            failures.Add($"Csat:AnswerWindow must be between {MinWindow} and {MaxWindow.TotalDays:0} days; it is {options.AnswerWindow}.");
        }

        if (!CsatLanguage.All.Contains(options.DefaultLanguage))
        {
            failures.Add($"Csat:DefaultLanguage must be one of {string.Join(", ", CsatLanguage.All)}; it is '{options.DefaultLanguage}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
