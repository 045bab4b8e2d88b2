namespace Inbox.Chatbot.Local;

/// <summary>
/// The hints the bot adds to its answers rather than answering with them: the way out to a person, the quiz offer, "we never
/// ask for codes", "tell me if you have already shared a code". Each is said once per conversation, whichever channel the
/// customer writes from, because the conversation's <see cref="BotMemory"/> remembers it in <see cref="BotMemory.HintsSaid"/>.
/// A conversation that comes back to the bot after a handoff starts afresh: its first answer carries the hints again.
/// </summary>
internal static class StandingHints
{
    public const string WayOut = "human-exit";
    public const string Quiz = "quiz-offer";
    public const string NeverAsk = "never-ask";
    public const string AlreadyShared = "already-shared";

    private static readonly (string Name, Func<string, string> Text)[] Hints =
    [
        (WayOut, BotTexts.HumanExit),
        (Quiz, BotTexts.QuizOffer),
        (NeverAsk, BotTexts.NeverAsk),
        (AlreadyShared, BotTexts.AlreadySharedSomething),
    ];

    /// <summary>The memory a turn starts from: after a handoff the conversation came back to the bot, and its hints are said anew.</summary>
    public static BotMemory StartTurn(BotMemory memory) =>
        memory.HandedOff ? memory with { HandedOff = false, HintsSaid = null } : memory;

    /// <summary>
    /// Takes out of <paramref name="turn"/> the hints said before in the conversation (and a second copy of one said now),
    /// and remembers the ones said now. When <paramref name="firstAnswerOffersWayOut"/> is set, an answer that does not hand over
    /// and comes before the way out was ever said gets it added, so the first answer of a conversation always says it.
    /// </summary>
    public static BotTurn SayOnce(BotTurn turn, BotMemory before, string language, bool firstAnswerOffersWayOut)
    {
        var said = new List<string>(before.HintsSaid ?? []);
        var replies = new List<string>();
        var quizOfferDropped = false;
        foreach (var reply in turn.Replies)
        {
            var text = reply;
            foreach (var (name, hint) in Hints)
            {
                var hintText = hint(language);
                var at = text.IndexOf(hintText, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                if (said.Contains(name))
                {
                    text = Without(text, hintText);
                    quizOfferDropped |= name == Quiz;
                }
                else
                {
                    said.Add(name);
                    text = text[..(at + hintText.Length)] + Without(text[(at + hintText.Length)..], hintText);
                }
            }

            if (!string.IsNullOrWhiteSpace(text))
            {
                replies.Add(text.Trim());
            }
        }

        if (firstAnswerOffersWayOut && !turn.HandOff && !said.Contains(WayOut))
        {
            var wayOut = BotTexts.HumanExit(language);
            if (replies.Count == 0)
            {
                replies.Add(wayOut);
            }
            else
            {
                replies[^1] = replies[^1] + " " + wayOut;
            }

            said.Add(WayOut);
        }

        var memory = turn.Memory with
        {
            HintsSaid = said,
            QuizOffered = turn.Memory.QuizOffered && !quizOfferDropped,
        };
        return turn with { Replies = replies, Memory = memory };
    }

    private static string Without(string text, string hint) =>
        string.Join(' ', text.Replace(hint, " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
