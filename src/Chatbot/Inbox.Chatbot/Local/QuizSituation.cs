using System.Globalization;

namespace Inbox.Chatbot.Local;

/// <summary>One "shop or scammer?" situation of the quiz; its texts are <c>quiz.situation.N</c> and <c>quiz.situation.N.why</c> in the bot's text files.</summary>
/// <param name="IsScam">The right answer: true for a scammer.</param>
/// <param name="Number">The situation's number in the text files (1 for the first).</param>
public sealed record QuizSituation(bool IsScam, int Number)
{
    /// <summary>The situation, in <paramref name="language"/>.</summary>
    public string Text(string language) => BotTextCatalog.Text(language, Key);

    /// <summary>Why the answer is what it is, in <paramref name="language"/>.</summary>
    public string Why(string language) => BotTextCatalog.Text(language, Key + ".why");

    private string Key => string.Create(CultureInfo.InvariantCulture, $"quiz.situation.{Number}");
}
