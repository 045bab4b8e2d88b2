using System.Globalization;
using System.Resources;
using Inbox.Domain.Routing;
using Inbox.Domain.Sla;

namespace Inbox.Silo.Sla;

/// <summary>
/// The out-of-hours answer a customer gets, from <c>OutOfHoursTexts.resx</c> (one entry per language: <c>Answer_ru</c>,
/// <c>Answer_uk</c>, <c>Answer_en</c>), saying when operators are back in the schedule's zone.
/// </summary>
public static class OutOfHoursTexts
{
    private static readonly ResourceManager Resources = new("Inbox.Silo.OutOfHoursTexts", typeof(OutOfHoursTexts).Assembly);

    /// <summary>The answer in <paramref name="language"/> (ru, uk or en; anything else: English).</summary>
    public static string Answer(string language, DateTimeOffset opening, BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var lang = language is "ru" or "uk" or "en" ? language : "en";
        var local = TimeZoneInfo.ConvertTime(opening, hours.TimeZone);
        var when = local.ToString(Text("When", lang), CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, Text("Answer", lang), when, hours.TimeZone.Id);
    }

    /// <summary>
    /// The customer's language: the bot's when it said one (ru, uk, en), else guessed from the waiting message's letters
    /// (<see cref="CustomerLanguage"/>), else English.
    /// </summary>
    public static string LanguageOf(string? botLanguage, string? text)
    {
        if (botLanguage is "ru" or "uk" or "en")
        {
            return botLanguage;
        }

        return CustomerLanguage.Detect(text) ?? "en";
    }

    private static string Text(string name, string language) =>
        Resources.GetString($"{name}_{language}", CultureInfo.InvariantCulture) ?? throw new InvalidOperationException($"OutOfHoursTexts has no {name}_{language}.");
}
