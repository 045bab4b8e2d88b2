namespace Inbox.Domain.Sla;

/// <summary>One named schedule of <see cref="SlaOptions"/>.</summary>
public sealed class SlaScheduleOptions
{
    /// <summary>An IANA time zone id, for example <c>Europe/Moscow</c>; required unless <see cref="AroundTheClock"/>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Open all the time (then <see cref="Week"/> and <see cref="Holidays"/> must be empty).</summary>
    public bool AroundTheClock { get; set; }

    /// <summary>Per weekday (<c>Monday</c> … <c>Sunday</c>) its open intervals, <c>HH:mm-HH:mm</c>; a day not listed is closed.</summary>
    public Dictionary<string, List<string>> Week { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Local dates closed all day, <c>yyyy-MM-dd</c>.</summary>
    public List<string> Holidays { get; set; } = [];
}
