using System.Globalization;
using System.Text.RegularExpressions;
using Inbox.Chatbot.Text;

namespace Inbox.Chatbot.Local;

/// <summary>
/// The gamified "shop or scammer?" quiz: five short situations, the customer answers 1 (shop) or 2 (scammer), gets the reason
/// after each answer and a score with the lesson at the end. Progress lives in <see cref="BotMemory.QuizStep"/> and
/// <see cref="BotMemory.QuizScore"/>.
/// </summary>
public static partial class FraudQuiz
{
    /// <summary>The situations, in the order asked.</summary>
    public static IReadOnlyList<QuizSituation> Situations { get; } =
    [
        new(IsScam: true, 1),
        new(IsScam: false, 2),
        new(IsScam: true, 3),
        new(IsScam: false, 4),
        new(IsScam: true, 5),
    ];

    /// <summary>Reads an answer: 1 / "магазин" / "shop" is the shop; 2 / "мошенник" / "scammer" a scammer; "стоп" / "stop" ends the quiz.</summary>
    public static QuizAnswer ParseAnswer(string? text)
    {
        var normalized = TextNormalizer.Basic(text).Trim(' ', '.', '!', '?', ')', '"');
        if (normalized.Length == 0)
        {
            return QuizAnswer.None;
        }

        if (Stop().IsMatch(normalized))
        {
            return QuizAnswer.Stop;
        }

        var shop = Shop().IsMatch(normalized);
        var scam = Scam().IsMatch(normalized);
        return (shop, scam) switch
        {
            (true, false) => QuizAnswer.Shop,
            (false, true) => QuizAnswer.Scammer,
            _ => QuizAnswer.None,
        };
    }

    /// <summary>True for a plain "yes" (to the quiz offer).</summary>
    public static bool IsYes(string? text) => Yes().IsMatch(TextNormalizer.Basic(text).Trim(' ', '.', '!', ')'));

    public static string Intro(string language) =>
        BotTextCatalog.Format(language, "quiz.intro", ("count", Situations.Count.ToString(CultureInfo.InvariantCulture)));

    public static string Question(int step, string language) => BotTextCatalog.Format(
        language,
        "quiz.question",
        ("step", (step + 1).ToString(CultureInfo.InvariantCulture)),
        ("total", Situations.Count.ToString(CultureInfo.InvariantCulture)),
        ("situation", Situations[step].Text(language)));

    public static string Feedback(int step, bool correct, string language) =>
        BotTextCatalog.Text(language, correct ? "quiz.correct" : "quiz.not_quite") + " " + Situations[step].Why(language);

    public static string Hint(string language) => BotTextCatalog.Text(language, "quiz.hint");

    public static string Result(int score, string language) => BotTextCatalog.Format(
        language,
        "quiz.result",
        ("score", score.ToString(CultureInfo.InvariantCulture)),
        ("total", Situations.Count.ToString(CultureInfo.InvariantCulture))) + " " + Lesson(language);

    public static string Lesson(string language) => BotTextCatalog.Text(language, "quiz.lesson");

    public static string Stopped(string language) => BotTextCatalog.Text(language, "quiz.stopped") + " " + Lesson(language);

    [GeneratedRegex(@"^(?:1|1\)|один|один\.|shop|store|the shop|the store|it's the shop|магазин|это магазин|це магазин|magazin|перш\p{L}*|перв\p{L}*|first)$")]
    private static partial Regex Shop();

    [GeneratedRegex(@"^(?:2|2\)|два|scam|scammer|scammers|fraud|fraudster|it's a scam|a scammer|мошенник\p{L}*|мошейник\p{L}*|мошенники|это мошенник\p{L}*|это мошенники|шахрай|шахраї|це шахрай|це шахраї|moshennik\p{L}*|развод|лохотрон|друг\p{L}*|second)$")]
    private static partial Regex Scam();

    [GeneratedRegex(@"^(?:стоп|хватит|выход|закончить|отмена|stop|exit|quit|cancel|досить|вихід|завершити|стоп тест|stop quiz)$")]
    private static partial Regex Stop();

    [GeneratedRegex(@"^(?:да|давай|давайте|хочу|конечно|ага|так|звісно|авжеж|yes|yeah|yep|sure|ok|okay|ок|окей|da|davai|go)$")]
    private static partial Regex Yes();
}
