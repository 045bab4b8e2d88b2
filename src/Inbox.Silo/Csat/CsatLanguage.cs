using Inbox.Domain.Conversations;
using Inbox.Domain.Routing;

namespace Inbox.Silo.Csat;

/// <summary>
/// The language to ask a customer for their rating in: the language the bot answered their newest message in, else a
/// guess from the letters of what they wrote (<see cref="CustomerLanguage"/>, the one routing and the out-of-hours answer
/// use; the chatbot's own detector, with word votes and transliteration, is not reachable from the silo).
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

            if (CustomerLanguage.Detect(message.Text) is { } guessed)
            {
                return guessed;
            }
        }

        return fallback;
    }
}
