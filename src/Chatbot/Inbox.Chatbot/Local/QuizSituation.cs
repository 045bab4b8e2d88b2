namespace Inbox.Chatbot.Local;

/// <summary>One "shop or scammer?" situation of the quiz.</summary>
/// <param name="IsScam">The right answer: true for a scammer.</param>
/// <param name="Russian">The situation in Russian.</param>
/// <param name="Ukrainian">The situation in Ukrainian.</param>
/// <param name="English">The situation in English.</param>
/// <param name="WhyRussian">Why, in Russian.</param>
/// <param name="WhyUkrainian">Why, in Ukrainian.</param>
/// <param name="WhyEnglish">Why, in English.</param>
public sealed record QuizSituation(
    bool IsScam,
    string Russian,
    string Ukrainian,
    string English,
    string WhyRussian,
    string WhyUkrainian,
    string WhyEnglish)
{
    public string Text(string language) => BotTexts.Pick(language, Russian, Ukrainian, English);

    public string Why(string language) => BotTexts.Pick(language, WhyRussian, WhyUkrainian, WhyEnglish);
}
