using System.Globalization;

namespace Inbox.Domain.Sla;

/// <summary>
/// One open interval of a day in local (wall-clock) time: from <see cref="Opens"/> (included) to <see cref="Closes"/>
/// (excluded). <see cref="Closes"/> of 00:00 means midnight at the end of the day, written <c>24:00</c>. An interval never
/// spans midnight: night shifts are written as two intervals, <c>22:00-24:00</c> on one day and <c>00:00-06:00</c> on the next.
/// </summary>
public sealed record OpeningInterval(TimeOnly Opens, TimeOnly Closes)
{
    /// <summary>Whether the interval runs until the end of its day.</summary>
    public bool UntilMidnight => Closes == TimeOnly.MinValue;

    /// <summary>Its length on a day without a clock change.</summary>
    public TimeSpan Length => (UntilMidnight ? TimeSpan.FromDays(1) : Closes.ToTimeSpan()) - Opens.ToTimeSpan();

    /// <summary>Reads <c>HH:mm-HH:mm</c> (for example <c>09:00-18:00</c>, <c>22:00-24:00</c>); null when malformed or not forward.</summary>
    public static OpeningInterval? Parse(string? text)
    {
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 } || !TryParseTime(parts[0], false, out var opens) || !TryParseTime(parts[1], true, out var closes))
        {
            return null;
        }

        var interval = new OpeningInterval(opens, closes);
        return interval.Length > TimeSpan.Zero ? interval : null;
    }

    public override string ToString() =>
        $"{Opens.ToString("HH:mm", CultureInfo.InvariantCulture)}-{(UntilMidnight ? "24:00" : Closes.ToString("HH:mm", CultureInfo.InvariantCulture))}";

    private static bool TryParseTime(string text, bool allowMidnight, out TimeOnly time)
    {
        if (allowMidnight && text == "24:00")
        {
            time = TimeOnly.MinValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
