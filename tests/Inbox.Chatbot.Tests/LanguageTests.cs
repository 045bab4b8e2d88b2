using Inbox.Chatbot.Tests.Infrastructure;
using Inbox.Chatbot.Text;

using Inbox.Orders;

namespace Inbox.Chatbot.Tests;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("где мой заказ", "ru")]
    [InlineData("gde moi zakaz", "ru")]
    [InlineData("де моє замовлення", "uk")]
    [InlineData("de moie zamovlennia", "uk")]
    [InlineData("дякую", "uk")]
    [InlineData("where is my order", "en")]
    [InlineData("спасибо", "ru")]
    public void Detects_the_language(string text, string language)
    {
        Assert.Equal(language, LanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("1048576", "uk")]
    [InlineData("ок", "uk")]
    [InlineData("ok", "en")]
    [InlineData("ok", "ru")]
    [InlineData("12345", "en")]
    [InlineData("👍", "uk")]
    [InlineData("1234А", "en")]
    [InlineData("1234A", "ru")]
    [InlineData("MV-2231187", "uk")]
    [InlineData("[shared own phone number: +447700900123]", "ru")]
    [InlineData("[file scan.pdf not downloaded: HTTP 404]", "uk")]
    [InlineData("[sticker 😀]", "ru")]
    [InlineData("ivan@example.com", "uk")]
    public void Keeps_the_conversation_language_without_evidence(string text, string previous)
    {
        Assert.Equal(previous, LanguageDetector.Detect(text, previous));
    }

    [Fact]
    public async Task Answers_in_russian_ukrainian_and_english()
    {
        var ru = await new Conversation(Bots.Local()).SayAsync("Где мой заказ 1048576?");
        var uk = await new Conversation(Bots.Local()).SayAsync("Де моє замовлення 1048576?");
        var en = await new Conversation(Bots.Local()).SayAsync("Where is my order 1048576?");
        var translit = await new Conversation(Bots.Local()).SayAsync("gde moi zakaz 1048576");

        Assert.Equal("ru", ru.Decision.Language);
        Assert.StartsWith("Заказ 1048576: статус «Передан в службу доставки».", ru.Replies[0], StringComparison.Ordinal);
        Assert.Equal("uk", uk.Decision.Language);
        Assert.StartsWith("Замовлення 1048576: статус «Передано в доставку».", uk.Replies[0], StringComparison.Ordinal);
        Assert.Contains("Якщо потрібна людина", uk.All(), StringComparison.Ordinal);
        Assert.Equal("en", en.Decision.Language);
        Assert.StartsWith("Order 1048576: status \"Handed over for delivery\".", en.Replies[0], StringComparison.Ordinal);
        Assert.Contains("type \"operator\"", en.All(), StringComparison.Ordinal);
        Assert.Equal("ru", translit.Decision.Language);
        Assert.Equal(Intents.OrderStatus, translit.Decision.Intent);
    }

    [Fact]
    public async Task Fraud_advice_is_given_in_each_language()
    {
        var ru = await new Conversation(Bots.Local()).SayAsync("Звонили из магазина и просят продиктовать код из смс");
        var uk = await new Conversation(Bots.Local()).SayAsync("Дзвонили з магазину і просять продиктувати код з смс");
        var en = await new Conversation(Bots.Local()).SayAsync("Someone from your store called and asked for the SMS code");

        Assert.Contains("Никому не сообщайте коды", ru.All(), StringComparison.Ordinal);
        Assert.Contains("Нікому не повідомляйте коди", uk.All(), StringComparison.Ordinal);
        Assert.Contains("Never share SMS or push codes", en.All(), StringComparison.Ordinal);
        Assert.All(new[] { ru, uk, en }, t => Assert.Equal(Intents.Fraud, t.Decision.Intent));
    }
}
