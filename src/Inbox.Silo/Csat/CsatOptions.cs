namespace Inbox.Silo.Csat;

/// <summary>
/// Customer satisfaction (<c>Csat</c>): whether a customer is asked for a 1–5 rating when a person resolves their
/// conversation, on which channels, and how long their answer counts as one.
/// </summary>
public sealed class CsatOptions
{
    public const string SectionName = "Csat";

    /// <summary>The channels that are not asked unless switched on: the API channel (an integrator's system) and voice (no replies go through it).</summary>
    public static readonly IReadOnlyList<string> OffByDefault = ["api", "voice"];

    /// <summary>The master switch: false asks no one, whatever <see cref="Channels"/> says.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Per channel (<c>Csat:Channels:sms=false</c>): a channel not named is on, except those of <see cref="OffByDefault"/>.</summary>
    public Dictionary<string, bool> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long after the request a bare digit 1–5 (or a button press) counts as the rating; later it is an ordinary message.</summary>
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Whether the customer gets a short thanks for their rating.</summary>
    public bool ThankYou { get; set; } = true;

    /// <summary>The language (ru, uk or en) of the request when nothing the customer wrote tells theirs.</summary>
    public string DefaultLanguage { get; set; } = CsatLanguage.Russian;

    /// <summary>Whether a customer who last wrote from <paramref name="channel"/> is asked.</summary>
    public bool IsOn(string channel)
    {
        if (!Enabled)
        {
            return false;
        }

        foreach (var (name, on) in Channels)
        {
            if (string.Equals(name, channel, StringComparison.OrdinalIgnoreCase))
            {
                return on;
            }
        }

        return !OffByDefault.Contains(channel, StringComparer.OrdinalIgnoreCase);
    }
}
