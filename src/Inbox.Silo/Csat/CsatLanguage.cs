using Inbox.Domain.Conversations;

namespace Inbox.Silo.Csat;

/// <summary>
/// The language to ask a customer for their rating in: the language the bot answered their newest message in, else a
/// guess from the letters of what they wrote (Ukrainian-only letters → uk, other Cyrillic → ru, Latin → en). Deliberately
/// tiny: routing has its own detector, and the chatbot's (word votes, transliteration) is not reachable from the silo.
/// </summary>
public static class CsatLanguage
{
    public const string Russian = "ru";
    public const string Ukrainian = "uk";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Russian, Ukrainian, English];

    /// <summary>The language of the newest of <paramref name="newestFirst"/> customer messages that tells one; <paramref name="fallback"/> when none does.</summary>
    public static string Of(IEnumerable<TimelineMessage> newestFirst, string fallback)
    {
        foreach (var message in newestFirst.Where(m => m.Kind == MessageKind.Inbound && !m.Automated))
        {
            if (message.BotDecision?.Language is { } decided && All.Contains(decided))
            {
                return decided;
            }

            if (OfText(message.Text) is { } guessed)
            {
                return guessed;
            }
        }

        return fallback;
    }

    /// <summary>uk, ru or en by the letters of <paramref name="text"/>; null when it has no letters (a digit, an emoji).</summary>
    public static string? OfText(string text)
    {
        var cyrillic = false;
        var latin = false;
        foreach (var c in text)
        {
            if ("іїєґІЇЄҐ".Contains(c))
            {
                return Ukrainian;
            }

            cyrillic |= c is >= '\u0400' and <= '\u04FF';
            latin |= c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';
        }

        return cyrillic ? Russian : latin ? English : null;
    }
}
