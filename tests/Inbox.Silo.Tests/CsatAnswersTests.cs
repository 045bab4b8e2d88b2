using Inbox.Domain.Conversations;
using Inbox.Silo.Csat;

namespace Inbox.Silo.Tests;

/// <summary>What counts as a rating, and the language a customer is asked in.</summary>
public sealed class CsatAnswersTests
{
    [Theory]
    [InlineData("5", 5)]
    [InlineData(" 4 ", 4)]
    [InlineData("5!", 5)]
    [InlineData("3.", 3)]
    [InlineData("2)", 2)]
    [InlineData("1\n", 1)]
    [InlineData("4\uFE0F\u20E3", 4)]
    [InlineData("0", null)]
    [InlineData("6", null)]
    [InlineData("10", null)]
    [InlineData("5/5", null)]
    [InlineData("5 спасибо", null)]
    [InlineData("csat:4", null)]
    [InlineData("", null)]
    public void A_typed_rating_is_only_a_digit_1_to_5(string text, int? rating) => Assert.Equal(rating, CsatAnswers.FromText(text));

    [Theory]
    [InlineData("csat:1", 1)]
    [InlineData("csat:5", 5)]
    [InlineData("csat:6", null)]
    [InlineData("csat:45", null)]
    [InlineData("rate:5", null)]
    [InlineData("5", null)]
    public void A_button_press_is_csat_and_a_digit(string data, int? rating) => Assert.Equal(rating, CsatAnswers.FromButton(data));

    [Fact]
    public void The_buttons_are_1_to_5_with_data_telegram_accepts() =>
        Assert.All(CsatAnswers.Buttons, b => Assert.Equal(b.Data, $"csat:{b.Label}"));

    [Fact]
    public void The_bots_language_wins_and_a_message_without_letters_gives_way_to_an_older_one()
    {
        var now = DateTimeOffset.UtcNow;
        TimelineMessage Inbound(string text, string? botLanguage = null) => new(Guid.NewGuid(), Guid.Empty, 1, MessageKind.Inbound, "telegram", null, null, text, null, null, null, null,
            now, now, BotDecision: botLanguage is null ? null : new BotDecisionInfo("order_status", 0.9, null, botLanguage));

        Assert.Equal("en", CsatLanguage.Of([Inbound("Привет", botLanguage: "en")], "ru"));
        Assert.Equal("uk", CsatLanguage.Of([Inbound("1048576"), Inbound("Дякую, де моє замовлення?")], "ru"));
        Assert.Equal("ru", CsatLanguage.Of([Inbound("👍")], "ru"));
    }
}
