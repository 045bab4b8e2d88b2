using System.Text.RegularExpressions;
using Inbox.Chatbot.Local;
using Inbox.Chatbot.Safety;

namespace Inbox.Chatbot.Tests;

/// <summary>The bot's texts live in bot.ru.json, bot.uk.json and bot.en.json: the same keys and placeholders in each, and none asks for a secret.</summary>
public sealed partial class BotTextFileTests
{
    [Fact]
    public void Every_text_exists_in_russian_ukrainian_and_english_with_the_same_placeholders()
    {
        var russian = BotTextCatalog.All("ru");
        Assert.NotEmpty(russian);
        foreach (var language in new[] { "uk", "en" })
        {
            var texts = BotTextCatalog.All(language);
            Assert.Equal(russian.Keys.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, text) in texts)
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}:{key} is empty");
                Assert.Equal(Placeholders(russian[key]), Placeholders(text));
            }
        }
    }

    [Fact]
    public void No_text_in_any_language_asks_for_a_code_cvv_password_or_card_data()
    {
        foreach (var language in BotTextCatalog.Languages)
        {
            foreach (var (key, text) in BotTextCatalog.All(language))
            {
                Assert.False(ReplyGuard.AsksForSecrets(text), $"{language}:{key}: {text}");
            }
        }
    }

    [Fact]
    public void The_texts_reach_the_customer_through_the_same_methods_as_before()
    {
        Assert.Equal("If you'd like a person, type \"operator\".", BotTexts.HumanExit("en"));
        Assert.Equal("Передаю розмову оператору — вам відповість людина в цьому ж чаті. Ваше місце в черзі: 3.", BotTexts.Handoff("uk", 3));
        Assert.Equal("Не нашёл заказы 1, 2.", BotTexts.OrderNotFound("ru", ["1", "2"]));
        Assert.Equal("Если нужен человек, напишите «оператор».", BotTexts.HumanExit("de")); // an unknown language reads Russian
        Assert.Equal("b", BotTexts.Pick("uk", "a", "b", "c"));
    }

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Placeholder();
}
